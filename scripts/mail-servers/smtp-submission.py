#!/usr/bin/python3
"""A mail submission server for the mail tests (aiosmtpd, Debian's python3-aiosmtpd).

It listens on 127.0.0.1:$SMTP_PORT, offers STARTTLS with $CERT/$KEY and requires it
before AUTH (PLAIN or LOGIN) and AUTH before MAIL. Passwords are the `address:password`
lines of $MAIL_USERS; a recipient not listed there is refused with 550. Each accepted
message is delivered to its recipients in Dovecot over LMTP (127.0.0.1:$LMTP_PORT).
"""
import asyncio
import os
import signal
import smtplib
import ssl

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

with open(os.environ["MAIL_USERS"], encoding="utf-8") as users_file:
    USERS = dict(line.strip().split(":", 1) for line in users_file if ":" in line)
LMTP_PORT = int(os.environ["LMTP_PORT"])


def authenticate(server, session, envelope, mechanism, auth_data):
    if not isinstance(auth_data, LoginPassword):
        return AuthResult(success=False, handled=False)
    login = auth_data.login.decode("utf-8", "replace").lower()
    password = auth_data.password.decode("utf-8", "replace")
    return AuthResult(success=USERS.get(login) == password, handled=False)


class Deliver:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() not in USERS:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        try:
            refused = await asyncio.get_running_loop().run_in_executor(
                None, self.deliver, envelope.mail_from, envelope.rcpt_tos, content)
        except (smtplib.SMTPException, OSError) as error:
            return f"451 4.3.0 Delivery failed: {error}"
        if refused:
            return f"550 5.1.1 Delivery refused for {', '.join(refused)}"
        return "250 2.0.0 OK: queued"

    @staticmethod
    def deliver(sender, recipients, content):
        with smtplib.LMTP("127.0.0.1", LMTP_PORT, timeout=10) as lmtp:
            return lmtp.sendmail(sender, recipients, content)


def main():
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(os.environ["CERT"], os.environ["KEY"])
    controller = Controller(
        Deliver(), hostname="127.0.0.1", port=int(os.environ["SMTP_PORT"]),
        server_hostname="localhost", tls_context=context, require_starttls=True,
        auth_required=True, auth_require_tls=True, authenticator=authenticate,
        decode_data=False, ready_timeout=10)
    controller.start()
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
