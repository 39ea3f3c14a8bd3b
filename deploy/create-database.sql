-- The bot's own PostgreSQL user and database: it owns its tables and nothing else (no
-- superuser, cannot create databases or roles). Run as a PostgreSQL administrator:
--   psql -v user=copro -v password="$COPRO_DB_PASSWORD" -v database=copro \
--        -f deploy/create-database.sql
CREATE ROLE :"user" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"database" OWNER :"user";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
