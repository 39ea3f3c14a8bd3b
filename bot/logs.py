"""How the command writes its log: readable lines by default, or one JSON object a line
(``LOG_FORMAT=json``) for log collectors. What is logged is the same either way, so the rule
that no reply text or personal detail is logged at INFO holds for both."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Libraries that say routine things at INFO on every command ("Context impl SQLiteImpl.").
CHATTY = ("alembic",)


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line: time (UTC, ISO 8601), level, logger, message;
    and the traceback as ``error`` when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        elif record.stack_info:
            entry["error"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


def handler(log_format: str, stream=None) -> logging.Handler:
    """A handler writing to ``stream`` (standard error by default) in ``log_format``."""
    made = logging.StreamHandler(stream or sys.stderr)
    made.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    return made


def configure(level: str, log_format: str = "text") -> None:
    """Set up the root logger once per process; libraries' routine chatter is kept to warnings
    unless LOG_LEVEL=DEBUG asks for everything."""
    logging.basicConfig(level=level, handlers=[handler(log_format)])
    for name in CHATTY:
        logging.getLogger(name).setLevel(logging.DEBUG if level == "DEBUG" else logging.WARNING)
