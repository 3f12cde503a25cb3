# Glimlach: the two commands a new machine needs are `make run` and `make test`.
SHELL := /bin/bash
export PATH := $(PATH):/opt/swift/usr/bin
SWIFT ?= swift
DATA ?= data

.PHONY: run test bootstrap build proto proto-check compose-check format-lint format unit api-check leak-check fuzz bench chaos clean

## Install what is missing, build, start the local stack and load demo data.
run: bootstrap build
	.build/debug/glimlach up --data-dir $(DATA) --demo

## Everything CI checks: fresh generated code, a valid compose file, the code style,
## the build, every test, the HTTP API against its OpenAPI document, the leak check,
## a short fuzz run.
test: bootstrap proto-check compose-check format-lint unit api-check leak-check fuzz

bootstrap:
	scripts/bootstrap

build:
	$(SWIFT) build

proto:
	scripts/gen-proto

proto-check:
	scripts/gen-proto --check

## Suites run one after another: many start real processes, and on a small
## machine running them all at once starves each of CPU time. The suites of the
## services with a PostgreSQL backend run a second time on PostgreSQL (a private
## cluster the tests start; scripts/bootstrap installs it).
unit:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel
	GLIMLACH_TEST_BACKEND=postgres $(SWIFT) test --skip-build --no-parallel --filter "TicketsTests|StaffTests|ChannelsTests|FeedbackTests|WebhooksTests"

compose-check:
	scripts/check-compose

## swift-format lint against .swift-format; `make format` fixes the files it flags.
format-lint:
	scripts/format-lint

format:
	scripts/format-lint --fix

## The OpenAPI document is valid, and schemathesis finds no 5xx and no reply off the
## document in API_CHECK_SECONDS against a stack with demo data (after `unit` built it).
API_CHECK_SECONDS ?= 90
api-check:
	API_CHECK_SECONDS=$(API_CHECK_SECONDS) timeout 420 scripts/api-check

leak-check:
	scripts/leak-check

## Fuzz each target for FUZZ_SECONDS (longer runs: scripts/fuzz 600).
FUZZ_SECONDS ?= 20
fuzz:
	scripts/fuzz $(FUZZ_SECONDS)

## The bus against the libzmq floor and gRPC, one table (docs/benchmarks.md).
bench:
	scripts/bench

## Processes killed at random under load for CHAOS_SECONDS (300), figures printed
## (docs/operating.md keeps them); `make test` runs a 20 s form of the same.
chaos:
	$(SWIFT) build --build-tests
	CHAOS_SECONDS=$${CHAOS_SECONDS:-300} bash -o pipefail -c \
	  '$(SWIFT) test --skip-build --filter ChaosTests 2>&1 | grep -E "^chaos:|^  |✔|✘"'

clean:
	rm -rf .build $(DATA)
