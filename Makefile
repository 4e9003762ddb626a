# jny — hand-written Makefile.
#   make            build build/jny (installs missing Debian packages first)
#   make demo       check an example journey
#   make test       every suite, then again under ASan+UBSan; ends with "N passed, N failed"
#   make asan       build the sanitizer binary in build/asan/
#   make lint       cppcheck over the sources
#   make layers     the #include graph against the pipeline's folders (tools/layers.txt)
#   make bench      the benchmark table (docs/performance.md); never part of `make test`
#   make style      check the layout against .clang-format (make format applies it)
#   make install    install jny, its man page and the editor files (PREFIX, DESTDIR); make uninstall
#   make docs       the pictures of the examples in docs/img/
#   make web-test   the report in headless Chromium and the Mermaid export/import with Mermaid's
#                   own parser (make test runs them too)
#   make clean
# flex and bison run at build time into build/; nothing generated is committed.

BUILD    ?= build
CC       ?= cc
OPT      ?= -O2
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
            -Wformat=2 -Wno-format-nonliteral -Werror
CFLAGS   ?= $(OPT) -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(CFLAGS) $(WARN) $(SANFLAGS) \
             $(SRC_INCLUDES) -I $(BUILD) $(GV_CFLAGS) -MMD -MP
# Graphviz (libcgraph + libgvc, linked as libraries; see ../shared/notes/graphviz.md). Expanded
# when used, so that pkg-config runs after the packages are installed.
GV_CFLAGS = $(shell pkg-config --cflags libgvc libcgraph)
GV_LIBS   = $(shell pkg-config --libs libgvc libcgraph)
LDLIBS    = -ljansson -lcsv $(GV_LIBS) -lm

# Everything a build and the tests need, installed by tools/install-deps.sh when missing.
DEB_PKGS := gcc make flex bison pkg-config libjansson-dev libcsv-dev libgraphviz-dev graphviz cppcheck \
            diffutils gawk jq clang-format vim emacs-nox libxml2-utils \
            clang libclang-rt-14-dev valgrind

# The folders of the pipeline, lowest first (tools/layers.txt says which may include which;
# tools/layers.sh checks it). Header names are unique across them, so every folder is on the
# include path and an #include names a header, not its folder.
RUNTIME_DIRS := $(sort $(dir $(wildcard runtime/*/*.c runtime/*/*.h)))
SRC_INCLUDES := -I lang $(patsubst %/,-I %,$(RUNTIME_DIRS))
LANG_SRC    := $(wildcard lang/*.c)
RUNTIME_SRC := $(wildcard runtime/*/*.c)
STDLIB_JNY  := $(shell find stdlib -name '*.jny' | LC_ALL=C sort)
TEMPLATE_JNY := $(sort $(wildcard templates/*.jny))
GEN_C       := $(BUILD)/parser.c $(BUILD)/lexer.c $(BUILD)/stdlib_embed.c $(BUILD)/templates_embed.c
OBJ := $(patsubst %.c,$(BUILD)/%.o,$(LANG_SRC) $(RUNTIME_SRC)) \
       $(BUILD)/parser.o $(BUILD)/lexer.o $(BUILD)/stdlib_embed.o $(BUILD)/templates_embed.o
LIB_OBJ := $(filter-out $(BUILD)/runtime/cli/%.o $(BUILD)/templates_embed.o,$(OBJ))

DEPS_STAMP := build/.deps-installed

.PHONY: all deps demo test test-fast asan lint style format clean unit layers
all: $(BUILD)/jny

deps: $(DEPS_STAMP)
# Also after the package list changes (install-deps.sh only installs what is missing).
$(DEPS_STAMP): tools/install-deps.sh Makefile
	@mkdir -p build
	@sh tools/install-deps.sh $(DEB_PKGS)
	@touch $@

$(BUILD)/jny: $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c | $(DEPS_STAMP) $(BUILD)/parser.h $(BUILD)/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Generated sources: bison's and flex's output is not ours to warn about beyond -Wall.
GEN_CFLAGS = $(filter-out -Wmissing-prototypes -Wshadow,$(ALL_CFLAGS)) -Wno-unused-function \
             -Wno-sign-compare
$(BUILD)/parser.c $(BUILD)/parser.h: lang/parser.y | $(DEPS_STAMP)
	@mkdir -p $(BUILD)
	bison -Wall -Werror --defines=$(BUILD)/parser.h -o $(BUILD)/parser.c $<
$(BUILD)/lexer.c $(BUILD)/lexer.h: lang/lexer.l | $(DEPS_STAMP)
	@mkdir -p $(BUILD)
	flex --header-file=$(BUILD)/lexer.h -o $(BUILD)/lexer.c $<
$(BUILD)/parser.o: $(BUILD)/parser.c $(BUILD)/lexer.h
	$(CC) $(GEN_CFLAGS) -c -o $@ $<
$(BUILD)/lexer.o: $(BUILD)/lexer.c $(BUILD)/parser.h
	$(CC) $(GEN_CFLAGS) -c -o $@ $<

$(BUILD)/embed: tools/embed.c | $(DEPS_STAMP)
	@mkdir -p $(BUILD)
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -Wall -Wextra -Werror -o $@ $<
$(BUILD)/stdlib_embed.c: $(BUILD)/embed $(STDLIB_JNY)
	$(BUILD)/embed $@ stdlib $(STDLIB_JNY)
$(BUILD)/stdlib_embed.o: $(BUILD)/stdlib_embed.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
# The starter journeys of `jny init` (templates/*.jny), embedded by the same tool; their table
# is renamed so that it links beside the stdlib's (runtime/cli/cli_init.c declares it).
TEMPLATE_NAMES := -DSTDLIB_MODULES=TEMPLATE_FILES -DSTDLIB_COUNT=TEMPLATE_COUNT \
                  -Dstdlib_find=template_find
$(BUILD)/templates_embed.c: $(BUILD)/embed $(TEMPLATE_JNY)
	$(BUILD)/embed $@ templates $(TEMPLATE_JNY)
$(BUILD)/templates_embed.o: $(BUILD)/templates_embed.c
	$(CC) $(ALL_CFLAGS) $(TEMPLATE_NAMES) -c -o $@ $<

# Unit tests: one program per pipeline stage, linked against every object but the CLI's.
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -I tests/unit -o $@ $< $(LIB_OBJ) $(LDLIBS)
unit: $(UNIT_BIN)

# The sanitizer build lives in its own tree so both binaries can be tested in one run.
# BUILD may be any folder (make BUILD=/tmp/b test-fast), so parallel work never shares objects.
ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
asan:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/asan OPT=-O1 SANFLAGS="$(ASAN_FLAGS)" \
	  $(BUILD)/asan/jny $(patsubst $(BUILD)/%,$(BUILD)/asan/%,$(UNIT_BIN))

demo: all
	$(BUILD)/jny check examples/grocery.jny
	$(BUILD)/jny render examples/grocery.jny -o $(BUILD)/grocery.flow.svg
	$(BUILD)/jny render examples/grocery.jny --view map -o $(BUILD)/grocery.map.svg

test: all unit asan fuzz-build lint style layers
	@JNY_BUILD=$(BUILD) bash tests/run.sh

# One pass over the suites with the normal build only (quicker while working).
test-fast: all unit
	@JNY_BUILD=$(BUILD) JNY_SKIP_ASAN=1 bash tests/run.sh

lint: | $(DEPS_STAMP)
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --inline-suppr --suppress=missingIncludeSystem $(SRC_INCLUDES) lang runtime

# No folder of the pipeline includes one above it or beside it (tools/layers.txt).
layers:
	@bash tools/layers.sh

# The layout of .clang-format, checked (not applied): `make format` applies it.
STYLE_SRC = $(wildcard lang/*.c lang/*.h runtime/*/*.c runtime/*/*.h tests/unit/*.c tests/unit/*.h \
                       tests/fuzz/*.c tests/fuzz/*.h tests/*.h tools/*.c tools/bench/*.c)
style: | $(DEPS_STAMP)
	@clang-format --dry-run --Werror $(STYLE_SRC)
format: | $(DEPS_STAMP)
	clang-format -i $(STYLE_SRC)

clean:
	rm -rf build

# ---- Fuzzing and valgrind (tests/fuzz/, docs/hardening.md) ----------------------------------
#   make fuzz-build  the libFuzzer harnesses BUILD/fuzz/fuzz_{parse,resolve,eval,fmt,csv} (clang,
#                    ASan+UBSan) and their dictionary; `make test` builds them and runs a smoke
#   make fuzz-smoke  a few seconds of each harness over the seeds and the regression inputs
#   make fuzz        each harness for FUZZ_TIME seconds (default 600) under nice, the corpus kept
#                    in BUILD/fuzz/corpus/; FUZZ='parse eval' runs only those
#   make valgrind    the valgrind suite alone (tests/cli/valgrind.sh with the normal build)
FUZZ_NAMES := parse resolve eval fmt csv
FUZZ_TIME  ?= 600
FUZZ       ?= $(FUZZ_NAMES)
# clang warns of a split string literal in an array (render_map.c's "\xe2\x88\x92" "3") that
# gcc accepts; everything else is held to the same warnings as the gcc builds.
FUZZ_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer -Wno-string-concatenation
.PHONY: fuzz fuzz-build fuzz-smoke valgrind
fuzz-build: $(BUILD)/jny_words | $(DEPS_STAMP)
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/fuzz CC=clang OPT=-O1 SANFLAGS="$(FUZZ_FLAGS)" \
	  $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_NAMES))
	@bash tests/fuzz/dict.sh $(BUILD)/jny_words >$(BUILD)/fuzz/jny.dict
fuzz-smoke: fuzz-build
	@bash tests/fuzz/fuzz.sh smoke $(BUILD)/fuzz
fuzz: fuzz-build
	@bash tests/fuzz/fuzz.sh long $(BUILD)/fuzz $(FUZZ_TIME) $(FUZZ)
valgrind: all
	@JNY_BUILD=$(BUILD) JNY_SKIP_ASAN=1 JNY_SKIP_EDITORS=1 bash tests/run.sh tests/cli/valgrind.sh

# Built inside the fuzz tree (BUILD is BUILD/fuzz there), linked with libFuzzer's main.
FUZZ_COMMON := tests/fuzz/fuzz_common.c
$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_COMMON) tests/fuzz/fuzz_common.h $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -I tests/fuzz \
	  -DFUZZ_MODEL='"$(abspath tests/fuzz/model.jny)"' -o $@ $< $(FUZZ_COMMON) $(LIB_OBJ) $(LDLIBS)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ---- Editor plugins (editors/, see editors/README.md) --------------------------------------
#   make editors-test  the Vim, Emacs and VS Code suites alone (tests/run.sh runs them once)
#   make vsix          package the VS Code extension as BUILD/jny-VERSION.vsix
# Node and npm come from apt when missing; the npm packages from editors/vscode's lockfile,
# installed there (node_modules is git-ignored) with `npm ci`, never globally.
VSCODE_DIR     := editors/vscode
VSCODE_MODULES := $(VSCODE_DIR)/node_modules/.package-lock.json
EDITOR_STAMP   := $(BUILD)/.editor-deps

.PHONY: editors-deps editors-test vsix
editors-deps: $(BUILD)/jny_words $(EDITOR_STAMP) $(VSCODE_MODULES)

$(EDITOR_STAMP): tools/install-deps.sh
	@mkdir -p $(BUILD)
	@sh tools/install-deps.sh vim emacs-nox
	@command -v npm >/dev/null 2>&1 || sh tools/install-deps.sh nodejs npm
	@touch $@

$(VSCODE_MODULES): $(VSCODE_DIR)/package.json $(VSCODE_DIR)/package-lock.json | $(EDITOR_STAMP)
	cd $(VSCODE_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The words the plugins highlight, printed from the scanner's and the schema's tables.
$(BUILD)/jny_words: tools/jny_words.c $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS)

test test-fast: editors-deps

editors-test: all editors-deps
	@JNY_BUILD=$(BUILD) JNY_ONLY_EDITORS=1 bash tests/run.sh

VSIX_VERSION = $(shell jq -r .version $(VSCODE_DIR)/package.json)
vsix: $(VSCODE_MODULES)
	@mkdir -p $(BUILD)
	cd $(VSCODE_DIR) && npx --no-install vsce package --allow-missing-repository --skip-license \
	  --out $(abspath $(BUILD))/jny-$(VSIX_VERSION).vsix

# ---- Browser and Mermaid tests (tests/web/, docs/sharing.md) -------------------------------
#   make web-deps   Chromium and poppler-utils (Debian), Node, and tests/web's npm packages
#                   (playwright-core, axe-core, mermaid, jsdom) from its lockfile, installed in
#                   tests/web/node_modules (git-ignored) with `npm ci`, never globally
#   make web-test   those tests alone (tests/run.sh runs them once, with the normal build)
WEB_DIR     := tests/web
WEB_MODULES := $(WEB_DIR)/node_modules/.package-lock.json
WEB_STAMP   := $(BUILD)/.web-deps

.PHONY: web-deps web-test
web-deps: $(WEB_STAMP) $(WEB_MODULES)

$(WEB_STAMP): tools/install-deps.sh
	@mkdir -p $(BUILD)
	@sh tools/install-deps.sh chromium poppler-utils
	@command -v npm >/dev/null 2>&1 || sh tools/install-deps.sh nodejs npm
	@touch $@

$(WEB_MODULES): $(WEB_DIR)/package.json $(WEB_DIR)/package-lock.json | $(WEB_STAMP)
	cd $(WEB_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test test-fast: web-deps

web-test: all web-deps
	@JNY_BUILD=$(BUILD) JNY_ONLY_WEB=1 bash tests/run.sh

# ---- Installing (docs/cli.md, "Installing") -------------------------------------------------
#   make install [PREFIX=/usr/local] [DESTDIR=]  the binary, the man page and the editor files
#   make uninstall                               removes exactly the files install wrote
# The stdlib and the templates of `jny init` are inside the binary: nothing else is read at run
# time. INSTALL_BIN is the binary to install (BUILD/jny, built first when needed);
# tests/cli/install.sh installs the binary under test into a temporary DESTDIR.
PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
DATADIR     ?= $(PREFIX)/share
MANDIR      ?= $(DATADIR)/man
INSTALL_BIN ?= $(BUILD)/jny
INSTALL     ?= install
VIM_DEST    := $(DATADIR)/vim/vimfiles
EMACS_DEST  := $(DATADIR)/emacs/site-lisp
VSCODE_DEST := $(DATADIR)/jny/vscode
VIM_FILES   := $(patsubst editors/vim/%,%,$(wildcard editors/vim/*/jny.vim))
VSCODE_FILES := package.json language-configuration.json README.md syntaxes/jny.tmLanguage.json \
                snippets/jny.json

.PHONY: install uninstall docs
install: $(INSTALL_BIN)
	$(INSTALL) -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(EMACS_DEST)"
	$(INSTALL) -m 755 "$(INSTALL_BIN)" "$(DESTDIR)$(BINDIR)/jny"
	$(INSTALL) -m 644 man/jny.1 "$(DESTDIR)$(MANDIR)/man1/jny.1"
	$(INSTALL) -m 644 editors/emacs/jny-mode.el "$(DESTDIR)$(EMACS_DEST)/jny-mode.el"
	@for f in $(VIM_FILES); do \
	  echo "$(INSTALL) -D -m 644 editors/vim/$$f $(DESTDIR)$(VIM_DEST)/$$f"; \
	  $(INSTALL) -D -m 644 "editors/vim/$$f" "$(DESTDIR)$(VIM_DEST)/$$f" || exit 1; done
	@for f in $(VSCODE_FILES); do \
	  echo "$(INSTALL) -D -m 644 editors/vscode/$$f $(DESTDIR)$(VSCODE_DEST)/$$f"; \
	  $(INSTALL) -D -m 644 "editors/vscode/$$f" "$(DESTDIR)$(VSCODE_DEST)/$$f" || exit 1; done

# Only jny's own folders are removed; shared ones (bin/, vimfiles/syntax/ …) stay.
uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/jny" "$(DESTDIR)$(MANDIR)/man1/jny.1" \
	  "$(DESTDIR)$(EMACS_DEST)/jny-mode.el"
	@for f in $(VIM_FILES); do echo "rm -f $(DESTDIR)$(VIM_DEST)/$$f"; \
	  rm -f "$(DESTDIR)$(VIM_DEST)/$$f"; done
	@for f in $(VSCODE_FILES); do rm -f "$(DESTDIR)$(VSCODE_DEST)/$$f"; done
	@for d in "$(DESTDIR)$(VSCODE_DEST)/syntaxes" "$(DESTDIR)$(VSCODE_DEST)/snippets" \
	  "$(DESTDIR)$(VSCODE_DEST)" "$(DESTDIR)$(DATADIR)/jny"; do \
	  if [ -d "$$d" ]; then rmdir "$$d" 2>/dev/null || echo "kept $$d: not empty"; fi; done

# ---- Pictures of the examples (docs/img/) ----------------------------------------------------
# The flow and map views of every example as PNG, drawn by the built jny, and docs/img/SOURCES
# with a hash of each picture's DOT source, which tests/cli/docs.sh compares to say when the
# pictures are stale (tools/docs_pictures.sh).
docs: $(BUILD)/jny
	@sh tools/docs_pictures.sh $(BUILD)/jny

# ---- Benchmarks (docs/performance.md) ------------------------------------------------------
#   make bench   journeys of 1k to 1M touchpoints (tools/bench/gen), timed against jq, dot and
#                Mermaid's CLI; prints one table. Not part of `make test`: the speed targets
#                live here only. Installs jq, Graphviz, Chromium and (under BUILD/bench, from
#                tools/bench's lockfile) Mermaid's CLI when missing, and skips what cannot be had.
BENCH_DIR   := $(BUILD)/bench
BENCH_TOOLS := $(BENCH_DIR)/gen $(BENCH_DIR)/measure

.PHONY: bench
bench: $(BUILD)/jny $(BENCH_TOOLS)
	@sh tools/bench/deps.sh $(BENCH_DIR)
	@bash tools/bench/run.sh $(BUILD)/jny $(BENCH_DIR)

$(BENCH_DIR)/%: tools/bench/%.c | $(DEPS_STAMP)
	@mkdir -p $(BENCH_DIR)
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Werror -o $@ $<
