#!/bin/sh
# Runs once, when compose's PostgreSQL container first makes its data folder: creates the bot's
# own user and database (deploy/create-database.sql) from the passwords in .env.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v user="$COPRO_DB_USER" -v password="$COPRO_DB_PASSWORD" -v database="$COPRO_DB_NAME" \
     -f /copro/create-database.sql
