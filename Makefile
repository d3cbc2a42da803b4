# Recobra's two commands (see README.md):
#   make run    installs what is missing, builds the app, serves it at http://localhost:8080
#   make test   installs what is missing, builds everything, runs every test suite
# The other targets are the pieces those two are made of.
PORT ?= 8080
HOST ?= 127.0.0.1
JOBS ?= $(shell nproc)
BUILD := $(CURDIR)/build
# em++ runs Node tools (acorn) that Debian installs in /usr/share/nodejs.
EMENV := NODE_PATH=/usr/share/nodejs

.PHONY: run test setup native asan wasm cli bench fuzz clean

run: wasm
	@node scripts/serve.mjs --dir $(BUILD)/wasm/dist --port $(PORT) --host $(HOST)

# The three builds run side by side: on two cores, one's configuring and linking (a single
# process each) leave room the others' compiling fills.
test:
	@$(MAKE) --no-print-directory -j3 native asan wasm
	@cd $(BUILD)/native && ctest --output-on-failure --timeout 900 -j$(JOBS)

setup:
	@bash scripts/setup.sh

native: setup
	@cmake -S . -B $(BUILD)/native -DCMAKE_BUILD_TYPE=Release \
		-DRECOBRA_ASAN_DIR=$(BUILD)/asan -DRECOBRA_WASM_DIR=$(BUILD)/wasm >/dev/null
	@cmake --build $(BUILD)/native -j$(JOBS)

# Line tables only (-g1): enough for the sanitizers' reports to name file and line, and a
# quarter less compiling than full debug information. -O1, as AddressSanitizer advises: the
# checks catch the same, and it compiles in less time than -O2. With clang (Debian's clang-14):
# the same build makes the fuzz targets (fuzz/), over the same recobra_core, and compiles in
# less time than GCC. A folder configured before with another compiler (GCC) starts afresh:
# CMake would drop the options below while switching compilers.
asan: setup
	@if [ -f $(BUILD)/asan/CMakeCache.txt ] && ! grep -q '^CMAKE_CXX_COMPILER:.*clang++-14' $(BUILD)/asan/CMakeCache.txt; then \
		echo "build/asan was configured with another compiler: configuring it afresh with clang-14"; \
		rm -rf $(BUILD)/asan; \
	fi
	@cmake -S . -B $(BUILD)/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRECOBRA_SANITIZE=ON \
		-DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
		-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" >/dev/null
	@cmake --build $(BUILD)/asan -j$(JOBS)

wasm: setup
	@$(EMENV) emcmake cmake -S . -B $(BUILD)/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
	@$(EMENV) cmake --build $(BUILD)/wasm -j$(JOBS)

# The command-line tool alone: build/native/recobra.
cli: setup
	@cmake -S . -B $(BUILD)/native -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD)/native -j$(JOBS) --target recobra

# Benchmarks (not tests): natively and in wasm over the 100,000-debtor data set.
bench: native wasm
	@cmake --build $(BUILD)/native -j$(JOBS) --target benches
	@$(EMENV) cmake --build $(BUILD)/wasm -j$(JOBS) --target benches
	@BUILD=$(BUILD) bash scripts/bench.sh $(BENCH)

# The fuzz targets (fuzz/README.md), each for FUZZ_SECONDS over a fresh copy of its seeds; prints
# how many inputs each ran, keeps what they find in build/asan/fuzz/findings. `make test` runs
# each for 6 s. FUZZ=csv (or "codec image"…) runs only those.
FUZZ_SECONDS ?= 300
FUZZ ?= backup codec csv image
fuzz: asan
	@status=0; for target in $(FUZZ); do \
		bash fuzz/run.sh $$target $(BUILD)/asan/fuzz $(FUZZ_SECONDS) || status=1; \
	done; exit $$status

clean:
	rm -rf $(BUILD)
