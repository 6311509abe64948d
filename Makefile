# Rote: build, test and demo targets. `make help` lists them.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: help
help: ## List every target with its one-line description
	@grep -E '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-16s %s\n", $$1, $$2}'

.PHONY: system-deps
system-deps: ## Install Debian's Chromium and PostgreSQL if they are missing (needs root)
	@if [ ! -x /usr/bin/chromium ] || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing chromium and postgresql from Debian"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium postgresql >/dev/null; \
	fi

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --prefer-binary -e '.[dev]'
	# protoletariat pins protobuf<6 in its metadata but works with today's; install it without deps.
	$(PY) -m pip install -q --no-deps 'protoletariat>=3.3,<4' 'click>=8,<9'
	touch $(STAMP)

.PHONY: venv
venv: $(STAMP) ## Create the virtualenv with every Python dependency

.PHONY: setup
setup: system-deps venv ## Everything the demo and the tests need

.PHONY: protos
protos: venv ## Regenerate the Python bindings from protos/ (committed; never edit them by hand)
	$(VENV)/bin/buf lint
	$(PY) tools/gen_protos.py

.PHONY: lint
lint: venv ## buf lint, ruff, mypy, lint-imports (the layering contracts in pyproject.toml)
	$(VENV)/bin/buf lint
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy services cache_service codegen_service executor_service bench examples
	$(VENV)/bin/lint-imports

.PHONY: test
test: setup ## Set everything up and run the whole test suite
	$(VENV)/bin/pytest -q $(PYTEST_ARGS)

.PHONY: demo
demo: setup ## Run the demo: agent run, script generation, then a code run with 0 agent steps
	$(PY) -m examples.demo

.PHONY: bench
bench: setup ## Run the benchmarks (about 13 minutes); prints a table and writes bench/results.json
	$(PY) -m bench

CORPUS_ARGS ?=

.PHONY: corpus
corpus: setup ## Measure Rote on the corpus of self-judging pages (20-40 min); prints a table, writes bench/corpus.json
	$(PY) -m bench.corpus $(CORPUS_ARGS)

IMAGE_REGISTRY ?=
IMAGE_TAG ?= 0.1.0
IMAGES := executor cache codegen

.PHONY: k8s-validate
k8s-validate: venv ## Render k8s/ overlays dev and prod with kubectl kustomize, validate strictly for Kubernetes 1.30+, check policy
	$(VENV)/bin/pytest -q tests/deploy/test_manifests.py tests/deploy/test_policy.py

.PHONY: images
images: ## Build the service images from deploy/docker/ with docker (IMAGE_REGISTRY=reg/ IMAGE_TAG=0.1.0)
	@for svc in $(IMAGES); do \
		echo "would build $(IMAGE_REGISTRY)rote-$$svc:$(IMAGE_TAG) from deploy/docker/$$svc.Dockerfile (context: .)"; \
	done
	@command -v docker >/dev/null 2>&1 || { echo "error: docker is not installed; cannot build images here" >&2; exit 1; }
	@docker info >/dev/null 2>&1 || { echo "error: no Docker engine answers (docker info failed); cannot build images here" >&2; exit 1; }
	@for svc in $(IMAGES); do \
		DOCKER_BUILDKIT=1 docker build -f deploy/docker/$$svc.Dockerfile -t $(IMAGE_REGISTRY)rote-$$svc:$(IMAGE_TAG) . ; \
	done

.PHONY: profile
profile: setup ## Profile code-mode runs of the demo (pyinstrument): where the replay's wall time goes
	$(PY) -m bench.profile_code_run

TAKEOVER_ARGS ?=

.PHONY: takeover
takeover: setup ## The agent taking over from cached code cut after each action, judged by the page (about 20 min)
	$(PY) -m bench.takeover $(TAKEOVER_ARGS)

.PHONY: fuzz
fuzz: setup ## The whole fuzz hunt over gRPC (about 3 minutes; `make test` runs a third); ROTE_FUZZ_SCALE=3 for longer
	ROTE_FUZZ_SCALE=$${ROTE_FUZZ_SCALE:-1} $(VENV)/bin/pytest -q tests/fuzz $(PYTEST_ARGS)

.PHONY: soak
soak: setup ## Soak test: 60 s of mixed load on the cache service (PostgreSQL), zero errors, prints p50/p99 and calls/s
	$(VENV)/bin/pytest -q -m soak tests/load $(PYTEST_ARGS)
