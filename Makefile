# Two commands for a fresh clone: `make run` (the bot, or the offline console without
# Slack tokens) and `make test`. Both create .venv and install from pyproject.toml first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lint check bench realq lock clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/pmpo run

test: $(STAMP)
	$(BIN)/ruff check bot tests bench
	$(BIN)/pmpo kb check
	$(BIN)/pytest

check: $(STAMP)
	$(BIN)/pmpo kb check

# Benchmarks (issues 5 and 9): quality vs BM25 and embeddings, real questions, speed at
# 1k/10k/100k entries, the web server over loopback. Writes docs/benchmarks.md and
# docs/benchmarks.png. Heavy extras only here.
bench:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python -m bench.run

# Only the real-questions part of `make bench` (issue 9): both realq sets vs the baselines and
# cold asks; rewrites just that section of docs/benchmarks.md (about 2-3 minutes).
realq:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python -m bench.realq

# Refresh constraints.txt to the newest releases pyproject.toml allows; run `make test` after.
lock:
	rm -rf .lockvenv
	$(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet '.[dev]'
	{ sed -n '1,2p' constraints.txt; .lockvenv/bin/pip freeze --exclude-editable \
	  | grep -iv '^pmpo'; } > constraints.new && mv constraints.new constraints.txt
	rm -rf .lockvenv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
