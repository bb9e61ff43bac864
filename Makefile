# parley: top-level wrapper around CMake.  `make demo` and `make check` are the contract (see README.md).
DEB_PACKAGES := build-essential cmake pkg-config clang libjansson-dev libexpat1-dev libmicrohttpd-dev \
                libsqlite3-dev libcmocka-dev nettle-dev libopenmpi-dev openmpi-bin python3 python3-pytest \
                python3-setuptools python3-wheel python3-pip python3-venv libunistring-dev libpq-dev postgresql nginx jq curl
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# Tests run two per core: most of them wait (browsers, servers, PostgreSQL, child processes) as much as they
# compute, and every test holds under a CPU hog (tests/stress), so the cores stay busy without a test's budget at risk.
CHECK_JOBS ?= $(shell echo $$(( $(JOBS) * 2 )))
BUILD := build
ASAN_BUILD := build-asan
CMAKE_FLAGS ?=
PREFIX ?= /usr/local

.PHONY: all deps build asan check check-stress stress-repeat test-cpu test demo bench fuzz mutants clean install python

all: build

# Install the Debian packages the build needs, only when some are missing.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DPARLEY_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPARLEY_WERROR=ON -DPARLEY_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# Every test, in the normal build and under AddressSanitizer + UndefinedBehaviorSanitizer.
check: build asan
	cd $(BUILD) && ctest --output-on-failure -j $(CHECK_JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  ctest --output-on-failure -j $(CHECK_JOBS)

test: check

# `make check` under a CPU hog (four niced busy processes, killed by PID): both trees, STRESS_RUNS times in a
# row, with per-run times and pass/fail (tests/stress/check_stress.sh).  `make stress-repeat STRESS_REPEAT=N`:
# the server, guard and progress tests N times under the hog.
STRESS_RUNS ?= 3
STRESS_REPEAT ?= 10
check-stress: build asan
	JOBS=$(JOBS) bash tests/stress/check_stress.sh check $(STRESS_RUNS)

stress-repeat: build asan
	JOBS=$(JOBS) bash tests/stress/check_stress.sh repeat $(STRESS_REPEAT)

# CPU seconds (user + system) of every ctest entry of both trees, and the top 30 side by side
# (tests/stress/test_cpu.py; docs/testing.md).
test-cpu: build asan
	python3 tests/stress/test_cpu.py measure $(BUILD) -j $(JOBS) -o $(BUILD)/Testing/test-cpu.tsv; \
	python3 tests/stress/test_cpu.py measure $(ASAN_BUILD) -j $(JOBS) -o $(ASAN_BUILD)/Testing/test-cpu.tsv; \
	python3 tests/stress/test_cpu.py table $(BUILD)/Testing/test-cpu.tsv $(ASAN_BUILD)/Testing/test-cpu.tsv

# parley, libparley.so/.a, headers, parley.pc, the CMake package, man pages and bash completion under PREFIX.
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# The Python package in python/: libparley.so.0 copied next to its modules (python/ usable with
# PYTHONPATH=python), and the wheel $(BUILD)/dist/parley-VERSION-py3-none-PLATFORM.whl, built offline with
# Debian's python3-setuptools, python3-wheel and python3-pip (docs/python.md: installing it).
python: build
	cp $(BUILD)/libparley.so.0 python/parley/libparley.so.0
	rm -f $(BUILD)/dist/parley-*.whl
	/usr/bin/python3 python/make_wheel.py $(BUILD)/libparley.so.0 $(BUILD)/dist

demo: build
	@bash examples/demo.sh $(BUILD)/parley

bench: build
	@for b in $(BUILD)/bench/bench_*; do echo "== $$b"; $$b; done
	@bash bench/bench_server.sh $(BUILD)/parley 5
	@PARLEY_LIBRARY=$(BUILD)/libparley.so PYTHONPATH=python /usr/bin/python3 bench/bench_python.py

fuzz: deps
	cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DPARLEY_FUZZ=ON >/dev/null
	cmake --build build-fuzz -j $(JOBS)
	@bash fuzz/run.sh build-fuzz $${FUZZ_SECONDS:-30}

# Mutation testing (tests/mutants/README.md), not part of `make check`: each mutant of tests/mutants/mutants.txt
# is built in a scratch copy (build-mutants/) and its tests run.  MUTANTS_ARGS e.g. "--full" or "--only ID,ID".
# MUTANTS_SAMPLE=200 MUTANTS_SEED=1: instead of the list, 200 mutants generated over src/ and python/
# (tests/mutants/generate.py), each run against its folder's tests, reported per folder.
MUTANT_JOBS ?= 2
MUTANTS_SEED ?= 1
mutants: deps
	nice python3 tests/mutants/mutate.py --jobs $(MUTANT_JOBS) \
	  $(if $(MUTANTS_SAMPLE),--sample $(MUTANTS_SAMPLE) --seed $(MUTANTS_SEED)) $(MUTANTS_ARGS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz build-mutants
