"""gunicorn settings for `make serve`: workers from the CPU count, the rest from the environment.

WEB_CONCURRENCY sets the workers (default 2 x cores + 1, gunicorn's own advice for sync
workers: one busy on the CPU while another waits on PostgreSQL), GUNICORN_BIND the address.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
wsgi_app = "kneeclinic.wsgi:application"
timeout = 60  # a clinician report with a long trend renders in well under a second
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then (bounded memory over weeks)
max_requests_jitter = 200
# The TLS proxy on the same host sets X-Forwarded-Proto; trust only it.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = None  # its lines carry the query string (names); the app logs JSON lines instead
errorlog = "-"
# gunicorn 27's runtime control socket is one path per user: two servers on a host would
# fight over it, and nothing here uses gunicornc. Signals (HUP, TERM) still work.
control_socket_disable = True
