# tt: GNU make, pkg-config, no autotools.  See README.md.
PREFIX	?= /usr/local
BUILD	?= build
CC	?= cc
CFLAGS	?= -O2 -g
WERROR	?=
PKGS	 = libpcre2-8 libxml-2.0 libutf8proc uchardet
PROGS	 = tt-extract tt-clean tt-typo tt-summarize

# Anything but clean/help needs the dependencies: install them first on a
# fresh machine (scripts/setup is quiet when all is there).
NODEPS_GOALS = clean help
ifneq ($(filter-out $(NODEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
DEPS_OK := $(shell pkg-config --exists $(PKGS) 2>/dev/null && \
	command -v mandoc >/dev/null && test -d /usr/share/dict/scowl && \
	test -f /usr/share/pocketsphinx/model/en-us/en-us.lm.bin && echo yes)
ifneq ($(DEPS_OK),yes)
$(info tt: some dependencies are missing; running scripts/setup)
SETUP_RC := $(shell sh scripts/setup >&2; echo $$?)
ifneq ($(SETUP_RC),0)
$(error scripts/setup could not install the dependencies (see above))
endif
endif
endif

# -liconv where iconv(3) is not in libc (macOS, the BSDs).
ICONV_LIBS ?= $(shell echo 'void *iconv_open(const char *, const char *); \
	int main(void) { return iconv_open("", "") == 0; }' | \
	$(CC) -x c - -o /dev/null 2>/dev/null || echo -liconv)
# uchardet is loaded with dlopen() when a document needs it (lib/encoding.c):
# only its header is needed at build time.
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(filter-out uchardet,$(PKGS)) 2>/dev/null) \
	$(ICONV_LIBS) -ldl -lm -lpthread
# The programs and test tools are linked statically, libc included, where
# the archives are installed (start-up: see scripts/static-libs); STATIC=yes
# makes only the libraries static, STATIC=no links the shared ones.
STATIC ?= full
ifneq ($(STATIC),no)
STATIC_LIBS := $(shell sh scripts/static-libs flags $(CC) $(BUILD)/lib/icu_stub.o \
	$(filter full,$(STATIC)) 2>/dev/null)
endif
ifneq ($(filter -static,$(STATIC_LIBS)),)
STATIC_DEF = -DTT_STATIC
endif
LINK_LIBS   = $(or $(STATIC_LIBS),$(shell pkg-config --libs $(filter-out uchardet,$(PKGS)) 2>/dev/null)) \
	$(ICONV_LIBS) -ldl -lm -lpthread
LINK_OBJ    = $(filter %.o,$(STATIC_LIBS))
TT_CFLAGS   = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
	$(WERROR) -Ilib -Icmd $(PKG_CFLAGS) $(STATIC_DEF)

LIB_SRC   = $(wildcard lib/*.c)
LIB_OBJ   = $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC  = $(wildcard tests/unit/*.c)
UNIT_OBJ  = $(UNIT_SRC:%.c=$(BUILD)/%.o)
FUZZ_SRC  = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES = $(FUZZ_SRC:tests/fuzz/%.c=%)
# The programs that exist so far (one cmd/tt-NAME.c each).
BUILT_PROGS = $(filter $(PROGS),$(patsubst cmd/%.c,%,$(wildcard cmd/tt-*.c)))

all: $(BUILD)/libtt.a $(BUILT_PROGS:%=$(BUILD)/%) $(BUILD)/tt.pc

.SECONDARY:
.PHONY: all check asan fuzz demo install uninstall clean help bench

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(TT_CFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# The built-in boilerplate rules, from lib/boilerplate.rules to a C string.
$(BUILD)/lib/boilerplate_rules.h: lib/boilerplate.rules
	@mkdir -p $(@D)
	{ echo 'static const char tt_boilerplate_rules[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/	"/' -e 's/$$/\\n"/' $<; \
	  echo '	;'; } >$@.tmp && mv $@.tmp $@
$(BUILD)/lib/boilerplate.o: $(BUILD)/lib/boilerplate_rules.h
$(BUILD)/lib/boilerplate.o: TT_CFLAGS += -I$(BUILD)/lib

# tt-typo's dictionary: SCOWL's lists to one binary file (scripts/dictgen.c,
# run on the build machine), embedded by lib/dict.c with .incbin.
# Word frequencies and n-grams for ranking suggestions come from
# pocketsphinx-en-us's language model; without it (LM= or not installed)
# the dictionary ranks by SCOWL level alone.
SCOWL_DIR ?= /usr/share/dict/scowl
LM ?= $(wildcard /usr/share/pocketsphinx/model/en-us/en-us.lm.bin)
# The same package's pronouncing dictionary: how words sound, for ranking
# the candidates of a word alone (PRONS= builds without it).
PRONS ?= $(wildcard /usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict)
$(BUILD)/dictgen: scripts/dictgen.c lib/dict.h
	@mkdir -p $(@D)
	$(CC) -O2 -o $@ scripts/dictgen.c -lm
$(BUILD)/lib/dict.bin: $(BUILD)/dictgen $(LM) $(PRONS)
	@mkdir -p $(@D)
	$(BUILD)/dictgen $(SCOWL_DIR) $@.tmp $(or $(LM),-) $(PRONS) && \
	    mv $@.tmp $@
$(BUILD)/lib/dict.o: $(BUILD)/lib/dict.bin
$(BUILD)/lib/dict.o: TT_CFLAGS += -DTT_DICT_BIN='"$(BUILD)/lib/dict.bin"'

$(BUILD)/lib/icu_stub.c: scripts/static-libs
	@mkdir -p $(@D)
	sh scripts/static-libs stub $(CC) >$@.tmp && mv $@.tmp $@
$(BUILD)/lib/icu_stub.o: $(BUILD)/lib/icu_stub.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/libtt.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/tt-%: $(BUILD)/cmd/tt-%.o $(BUILD)/cmd/cli.o $(BUILD)/libtt.a $(LINK_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter-out $(LINK_OBJ),$^) $(LINK_LIBS)

# Test tools: the unit test runner, a command-line window on libtt for the
# golden cases, and the fuzz corpus replayer (one per target).
$(BUILD)/tests/unit-list.h: $(UNIT_SRC)
	@mkdir -p $(@D)
	sed -n 's/^TEST(\([a-z0-9_]*\)).*/T(\1)/p' $(UNIT_SRC) >$@.tmp && mv $@.tmp $@
$(BUILD)/tests/unit/main.o: $(BUILD)/tests/unit-list.h
$(BUILD)/tests/unit/main.o: TT_CFLAGS += -I$(BUILD)/tests
$(BUILD)/tests/unit-run: $(UNIT_OBJ) $(BUILD)/libtt.a $(LINK_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter-out $(LINK_OBJ),$^) $(LINK_LIBS)
$(BUILD)/tests/tt-lib: $(BUILD)/tests/tools/tt-lib.o $(BUILD)/cmd/cli.o $(BUILD)/libtt.a $(LINK_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter-out $(LINK_OBJ),$^) $(LINK_LIBS)
$(BUILD)/tests/replay-%: $(BUILD)/tests/fuzz/%.o $(BUILD)/tests/fuzz/replay.o $(BUILD)/libtt.a $(LINK_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter-out $(LINK_OBJ),$^) $(LINK_LIBS)

TEST_TOOLS = $(BUILD)/tests/unit-run $(BUILD)/tests/tt-lib \
	$(FUZZ_NAMES:%=$(BUILD)/tests/replay-%)

check: all $(TEST_TOOLS)
	@sh tests/check.sh $(BUILD) $(FUZZ_NAMES)

# The same tests built with AddressSanitizer and UBSan, in their own folder.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
asan:
	$(MAKE) BUILD=build-asan CFLAGS="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" \
		STATIC=yes WERROR="$(WERROR)" check

# libFuzzer targets: build/fuzz/fuzz_NAME; run one with
#   build/fuzz/fuzz_utf8 -max_total_time=600 tests/fuzz/corpus/fuzz_utf8
FUZZ_CC    ?= clang
# HTML_STRIP_MIN=1: lib/html.c takes script bodies out of small inputs too,
# so that the fuzzer reaches that scanner.
FUZZ_FLAGS  = -O1 -g -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer \
	-DHTML_STRIP_MIN=1
fuzz: $(BUILD)/lib/boilerplate_rules.h $(BUILD)/lib/dict.bin
	@command -v $(FUZZ_CC) >/dev/null || sh scripts/setup --fuzz
	@mkdir -p $(BUILD)/fuzz
	for t in $(FUZZ_NAMES); do \
		$(FUZZ_CC) -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
			-Ilib -I$(BUILD)/lib $(PKG_CFLAGS) -DTT_DICT_BIN='"$(BUILD)/lib/dict.bin"' \
			$(FUZZ_FLAGS) -o $(BUILD)/fuzz/$$t tests/fuzz/$$t.c \
			$(LIB_SRC) $(PKG_LIBS) || exit 1; \
	done

demo: all
	@sh scripts/demo $(BUILD)

bench: all
	@sh scripts/bench $(BUILD)

# libtt is a static library only, so tt.pc names what it links with.
$(BUILD)/tt.pc: Makefile
	@mkdir -p $(@D)
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$${prefix}/lib' \
		'includedir=$${prefix}/include' '' 'Name: tt' \
		'Description: text tools library (extract, clean, typo, summarize)' \
		'Version: $(shell sed -n 's/^#define TT_VERSION.*"\(.*\)"/\1/p' lib/tt.h)' \
		'Requires: $(filter-out uchardet,$(PKGS))' \
		'Libs: -L$${libdir} -ltt $(ICONV_LIBS) -ldl -lm -lpthread' \
		'Cflags: -I$${includedir}' >$@

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/man/man7
	$(if $(BUILT_PROGS),install -m 755 $(BUILT_PROGS:%=$(BUILD)/%) $(DESTDIR)$(PREFIX)/bin)
	install -m 644 $(BUILD)/libtt.a $(DESTDIR)$(PREFIX)/lib
	sed 's|^prefix=.*|prefix=$(PREFIX)|' $(BUILD)/tt.pc >$(DESTDIR)$(PREFIX)/lib/pkgconfig/tt.pc
	install -m 644 lib/tt.h $(DESTDIR)$(PREFIX)/include
	install -m 644 man/tt.7 $(DESTDIR)$(PREFIX)/share/man/man7
	$(if $(wildcard man/*.1),install -m 644 $(wildcard man/*.1) $(DESTDIR)$(PREFIX)/share/man/man1)

uninstall:
	rm -f $(PROGS:%=$(DESTDIR)$(PREFIX)/bin/%) $(DESTDIR)$(PREFIX)/lib/libtt.a \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig/tt.pc $(DESTDIR)$(PREFIX)/include/tt.h \
		$(DESTDIR)$(PREFIX)/share/man/man7/tt.7 \
		$(PROGS:%=$(DESTDIR)$(PREFIX)/share/man/man1/%.1)

clean:
	rm -rf build build-asan

help:
	@echo 'make            build build/libtt.a and the programs (installs deps first)'
	@echo 'make check      run every test; ends with "N passed, N failed"'
	@echo 'make asan       the same tests under AddressSanitizer and UBSan'
	@echo 'make fuzz       build the libFuzzer targets with clang into build/fuzz/'
	@echo 'make demo       run the pipeline on examples/page.html'
	@echo 'make install    PREFIX=/usr/local: programs, man pages, tt.h, libtt.a, tt.pc'

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
