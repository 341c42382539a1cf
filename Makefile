# The two set-up commands of the README:
#   make demo   build gisa, install the Korean dictionary if missing, index corpus/ into
#               ./index, search it and run the sample report
#   make test   install what the tests need, then run the whole test suite (CI runs this)

GISA := target/release/gisa
CARGO ?= cargo
# The shared benchmark kit, when it sits beside the checkout: the extraction-accuracy test
# generates a corpus with it (and says it skipped without it).
GISA_SHARED ?= $(if $(wildcard ../shared/bench/gen_corpus.py),$(abspath ../shared),)
export GISA_SHARED

.PHONY: demo test build dict test-deps lint

build:
	$(CARGO) build --release --locked

dict: build
	$(GISA) dict install

demo: dict
	$(GISA) index corpus
	$(GISA) stats
	$(GISA) search "삼성전자 반도체" --limit 3
	$(GISA) report examples/watch.toml --limit 2

test-deps:
	scripts/ci-deps.sh

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --release --locked --all-targets -- -D warnings

test: test-deps dict lint
	@[ -n "$(GISA_SHARED)" ] || echo "note: ../shared not found: the extraction-accuracy test will skip (set GISA_SHARED)"
	$(CARGO) test --release --locked
