# The bot in a container (README, « Mise en production ») :
#   docker build -t assemblee .
#   docker run -d --name assemblee --env-file /etc/assemblee/env \
#     -v assemblee:/var/lib/assemblee -p 127.0.0.1:8080:8080 assemblee
# Base pinned by tag: Python 3.11 (the oldest the project supports) on Debian 12, slim.
FROM python:3.11-slim-bookworm

# Logs reach `docker logs` as they are written.
ENV PYTHONUNBUFFERED=1

# A dedicated unprivileged user; its home is the data folder (SQLite base, assemblee.secret).
RUN groupadd --system --gid 10001 assemblee \
    && useradd --system --uid 10001 --gid 10001 --create-home \
        --home-dir /var/lib/assemblee --shell /usr/sbin/nologin assemblee

# The project (what .dockerignore lets through), installed like any package, as root: the
# bot's user cannot change its own code.
COPY . /opt/assemblee
RUN pip install --no-cache-dir /opt/assemblee

# Listen on every interface of the container (`-p` on the host decides who reaches it).
ENV WEBHOOK_HOTE=0.0.0.0 \
    CONSOLE_HOTE=0.0.0.0
# The relative paths of DATABASE_URL and SECRET_SCRUTINS_FICHIER land in the volume.
WORKDIR /var/lib/assemblee
VOLUME ["/var/lib/assemblee"]
# By number: a runtime that checks for a non-root user (runAsNonRoot) needs one.
USER 10001:10001
# WEBHOOK_PORT (webhook, console, calendar, /sante in webhook mode); CONSOLE_PORT (polling).
EXPOSE 8080 8081

# Healthy while /sante answers 200 (the database answers). urllib, as the image has no curl,
# and no proxy: a proxy set in the environment must not answer for the bot.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; u.build_opener(u.ProxyHandler({})).open('http://127.0.0.1:' + os.environ.get('WEBHOOK_PORT', '8080') + '/sante', timeout=5)"]

# Webhook mode, behind the HTTPS proxy of deploy/ (WEBHOOK_URL must be set).
CMD ["assemblee", "run", "--webhook"]
