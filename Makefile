# The two set-up commands of the README:
#   make demo   build gisa, install the Korean dictionary if missing, run it on corpus/
#   make test   install what the tests need, then run the whole test suite (CI runs this)

GISA := target/release/gisa
CARGO ?= cargo

.PHONY: demo test build dict test-deps lint

build:
	$(CARGO) build --release --locked

dict: build
	$(GISA) dict install

demo: dict
	$(GISA) dict info
	$(GISA) analyze "$$(sed -n 5p corpus/daum/kukinews-2024-06-18-lee-jaeyong.txt)"

test-deps:
	scripts/ci-deps.sh

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --release --locked --all-targets -- -D warnings

test: test-deps dict lint
	$(CARGO) test --release --locked
