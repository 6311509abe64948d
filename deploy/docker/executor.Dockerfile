# syntax=docker/dockerfile:1.7
# The executor service: Playwright (its driver comes inside the PyPI wheel) driving Debian's Chromium.
# `playwright install` is never run: ROTE_CHROMIUM_PATH points Playwright at /usr/bin/chromium.
# Build from the repository root: docker build -f deploy/docker/executor.Dockerfile -t rote-executor:0.1.0 .
ARG PYTHON_IMAGE=python:3.11.13-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/rote
# Only the kernel (services/) and this service, with the kernel's dependencies and its own extra.
COPY pyproject.toml ./
COPY services ./services
COPY executor_service ./executor_service
RUN /opt/rote/bin/pip install --prefer-binary '.[executor]'

FROM ${PYTHON_IMAGE} AS runtime
# Debian's Chromium and the fonts pages expect; no recommends, apt lists removed in the same layer.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      chromium fonts-liberation fonts-noto-color-emoji ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/rote/bin:$PATH \
    HOME=/tmp \
    XDG_CONFIG_HOME=/tmp/.config \
    XDG_CACHE_HOME=/tmp/.cache \
    ROTE_CHROMIUM_PATH=/usr/bin/chromium
RUN groupadd --system --gid 10001 rote \
 && useradd --system --uid 10001 --gid rote --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin rote
COPY --from=build /opt/rote /opt/rote
WORKDIR /app
USER 10001:10001
EXPOSE 50051
ENTRYPOINT ["python", "-m", "executor_service"]
