"""The domain's Mailer on SMTP (standard library ``smtplib``), with the SMTP_* settings.

STARTTLS unless ``SMTP_STARTTLS=false``, a login when SMTP_USER is set, and a time limit on
every call. Each failure is sorted into "try again later" (the server is down or busy, a 4xx
answer) and "trying again cannot help" (a refused login, a 5xx answer for every address), so
the domain knows whether to retry or to tell the facilitators at once.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from email.message import EmailMessage

from bot.config import Settings
from bot.domain.digest_email import MailFailed

TIMEOUT_S = 30


class SMTPMailer:
    def __init__(self, settings: Settings) -> None:
        if not settings.smtp_host or not settings.smtp_from:
            raise ValueError("SMTPMailer needs SMTP_HOST and SMTP_FROM")
        self.host = settings.smtp_host
        self.port = settings.smtp_port
        self.user = settings.smtp_user
        self.password = settings.smtp_password
        self.starttls = settings.smtp_starttls
        self.sender = settings.smtp_from

    def send(self, message: EmailMessage) -> list[str]:
        recipients = [a.strip() for a in str(message["To"]).split(",") if a.strip()]
        try:
            with smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_S) as smtp:
                smtp.ehlo()
                if self.starttls:
                    if not smtp.has_extn("starttls"):
                        raise MailFailed(
                            "the mail server does not offer STARTTLS, so the e-mail would go "
                            "unencrypted", permanent=True,
                        )  # fmt: skip
                    smtp.starttls(context=ssl.create_default_context())
                    smtp.ehlo()
                if self.user:
                    smtp.login(self.user, self.password or "")
                refused = smtp.send_message(message, from_addr=self.sender, to_addrs=recipients)
        except MailFailed:
            raise
        except smtplib.SMTPAuthenticationError as error:
            raise MailFailed(
                f"the mail server refused the login ({error.smtp_code})", permanent=True
            ) from error
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            raise MailFailed(
                f"the mail server refused every address ({', '.join(map(str, sorted(set(codes))))})",
                permanent=all(code >= 500 for code in codes),
            ) from error
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            raise MailFailed(
                f"the mail server would not take it ({error.smtp_code} {_words(error.smtp_error)})",
                permanent=error.smtp_code >= 500,
            ) from error
        except socket.gaierror as error:
            raise MailFailed(
                f"the mail server's name {self.host} could not be looked up", permanent=False
            ) from error
        except (OSError, smtplib.SMTPException, ssl.SSLError) as error:
            raise MailFailed(
                f"the mail server at {self.host}:{self.port} could not be reached "
                f"({type(error).__name__})", permanent=False,
            ) from error  # fmt: skip
        return sorted(refused)


def _words(answer: bytes | str) -> str:
    text = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else str(answer)
    return " ".join(text.split())[:200]
