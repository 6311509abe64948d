# syntax=docker/dockerfile:1.7
# The cache service: records, regeneration decisions, Alembic migrations (python -m cache_service migrate).
# Build from the repository root: docker build -f deploy/docker/cache.Dockerfile -t rote-cache:0.1.0 .
ARG PYTHON_IMAGE=python:3.11.13-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/rote
# Only the kernel (services/) and this service, with the kernel's dependencies and its own extra.
COPY pyproject.toml ./
COPY services ./services
COPY cache_service ./cache_service
RUN /opt/rote/bin/pip install --prefer-binary '.[cache]'

FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/rote/bin:$PATH \
    HOME=/tmp
RUN groupadd --system --gid 10001 rote \
 && useradd --system --uid 10001 --gid rote --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin rote
COPY --from=build /opt/rote /opt/rote
WORKDIR /app
# The schema gate run by the cache pods' init container: python -m deploy.wait_for_schema
COPY deploy/__init__.py deploy/wait_for_schema.py ./deploy/
USER 10001:10001
EXPOSE 50052
ENTRYPOINT ["python", "-m", "cache_service"]
CMD ["serve"]
