# syntax=docker/dockerfile:1.7
# The codegen service: libcst generation, uploads to object storage. Also runs the bucket Job.
# Build from the repository root: docker build -f deploy/docker/codegen.Dockerfile -t rote-codegen:0.1.0 .
ARG PYTHON_IMAGE=python:3.11.13-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/rote
# Only the kernel (services/) and this service, with the kernel's dependencies and its own extra.
COPY pyproject.toml ./
COPY services ./services
COPY codegen_service ./codegen_service
RUN /opt/rote/bin/pip install --prefer-binary '.[codegen]'

FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/rote/bin:$PATH \
    HOME=/tmp
RUN groupadd --system --gid 10001 rote \
 && useradd --system --uid 10001 --gid rote --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin rote
COPY --from=build /opt/rote /opt/rote
WORKDIR /app
# The bucket Job's command: python -m deploy.create_bucket
COPY deploy/__init__.py deploy/create_bucket.py ./deploy/
USER 10001:10001
EXPOSE 50053
ENTRYPOINT ["python", "-m", "codegen_service"]
