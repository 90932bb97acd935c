/*
 * pymodpost harness: the guest's /init.
 *
 * Built by pymodpost/harness/guest.py with
 *     <cc> -static -nostdlib -ffreestanding -O2 ... init.c
 * (gcc for x86_64, riscv64-linux-gnu-gcc -march=rv64imac -mabi=lp64 for riscv64) and packed
 * into the initramfs with the modules and a command file.  It runs as PID 1 inside a real
 * kernel under qemu, loads each module through the real finit_module/init_module system
 * calls, reports what the kernel did, unloads the modules with delete_module and powers the
 * machine off.
 *
 * Why freestanding (no C library): the small riscv64 kernel is built without floating-point
 * support, and a static glibc executes floating-point instructions during start-up, which
 * such a kernel answers with SIGILL.  Talking to the kernel directly also means the reported
 * errno is exactly what the system call returned, with nothing in between.
 *
 * Everything it reports goes to the console in a line protocol the host parses
 * (pymodpost/harness/protocol.py):
 *
 *   @@PYMODPOST <RECORD> <fields...>@@          one-line record
 *   @@PYMODPOST BEGIN <kind> <index>@@          start of a block
 *   @@| <escaped content>                       one content line of the block
 *   @@PYMODPOST END <kind> <index> <count>@@    end of a block, with its line count
 *
 * Content bytes below 0x20, from 0x7f up, and the backslash are written as \xNN, so any
 * byte survives and a line never contains a stray newline.  The line count lets the host
 * notice a block that was garbled on the way out instead of trusting it.
 *
 * The kernel's own messages are taken from /dev/kmsg (per step, so each step gets exactly
 * the records logged while it ran) and from the whole log buffer at the end (syslog
 * READ_ALL), not from the console: the console log level is lowered first thing, so that
 * printk output cannot cut into the protocol lines on the shared serial port.  It is raised
 * back to the boot-time level only while a load or unload system call runs -- when this
 * program writes nothing -- so that a step that hangs or panics the kernel still leaves its
 * messages on the console for the host to quote.
 *
 * Each module is loaded by a child process: if the module's init oopses, the kernel kills
 * the child, not PID 1, and the report still arrives.
 */
#include <asm/unistd.h>

#define PROTOCOL_VERSION 1
#define COMMAND_FILE "/harness/commands"
#define MAX_STEPS 256

/* Values shared by the x86_64 and riscv64 kernel ABIs (generic errno and fcntl numbers). */
#define AT_FDCWD (-100)
#define O_RDONLY 0
#define O_WRONLY 1
#define O_NONBLOCK 04000
#define O_DIRECTORY 0200000
#define O_CLOEXEC 02000000
#define SEEK_END 2
#define EINTR 4
#define EAGAIN 11
#define EPIPE 32
#define SIGCHLD 17
#define DT_REG 8
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 2
#define MAP_ANONYMOUS 0x20
/* reboot(2) */
#define REBOOT_MAGIC1 0xfee1dead
#define REBOOT_MAGIC2 672274793
#define REBOOT_CMD_POWER_OFF 0x4321fedc
/* syslog(2) actions, named as in the man page */
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_BUFFER 10

/* ---- system calls -------------------------------------------------------------------- */

/* Returns the kernel's raw result: a value >= 0, or -errno. */
static long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
#if defined(__x86_64__)
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
#elif defined(__riscv) && __riscv_xlen == 64
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;
	register long a4 __asm__("a4") = e;
	register long a5 __asm__("a5") = f;
	register long a7 __asm__("a7") = nr;
	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7)
			 : "memory");
	return a0;
#else
#error "harness init: unsupported architecture"
#endif
}

#define SYS(nr, a, b, c, d, e, f) sys6((nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

static long sys_read(int fd, void *buf, unsigned long n) { return SYS(__NR_read, fd, buf, n, 0, 0, 0); }
static long sys_write(int fd, const void *buf, unsigned long n) { return SYS(__NR_write, fd, buf, n, 0, 0, 0); }
static long sys_open(const char *path, int flags) { return SYS(__NR_openat, AT_FDCWD, path, flags, 0, 0, 0); }
static long sys_close(int fd) { return SYS(__NR_close, fd, 0, 0, 0, 0, 0); }
static void sys_exit(int status)
{
	for (;;)
		SYS(__NR_exit_group, status, 0, 0, 0, 0, 0);
}

/* ---- memory and strings -------------------------------------------------------------- */

/* The compiler may emit calls to these even in freestanding code. */
void *memcpy(void *dst, const void *src, unsigned long n)
{
	char *d = dst;
	const char *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, unsigned long n)
{
	char *d = dst;
	while (n--)
		*d++ = (char)c;
	return dst;
}

int memcmp(const void *a, const void *b, unsigned long n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

unsigned long strlen(const char *s)
{
	unsigned long n = 0;
	while (s[n])
		n++;
	return n;
}

static int starts_with(const char *s, unsigned long n, const char *prefix)
{
	unsigned long p = strlen(prefix);
	return n >= p && !memcmp(s, prefix, p);
}

/* Buffers come straight from mmap: the init's needs are few and short-lived. */
struct buf {
	char *data;
	unsigned long len, cap;
};

static char *map_pages(unsigned long size)
{
	long p = SYS(__NR_mmap, 0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p < 0 && p > -4096)
		sys_exit(120); /* out of memory in the guest: the host sees an unfinished run */
	return (char *)p;
}

static void buf_free(struct buf *b)
{
	if (b->data)
		SYS(__NR_munmap, b->data, b->cap, 0, 0, 0, 0);
	b->data = 0;
	b->len = b->cap = 0;
}

static void buf_reserve(struct buf *b, unsigned long more)
{
	if (b->len + more <= b->cap)
		return;
	unsigned long cap = b->cap ? b->cap : 65536;
	while (cap < b->len + more)
		cap *= 2;
	char *data = map_pages(cap);
	if (b->data) {
		memcpy(data, b->data, b->len);
		SYS(__NR_munmap, b->data, b->cap, 0, 0, 0, 0);
	}
	b->data = data;
	b->cap = cap;
}

/* Whole contents of a (proc/sys) file; /proc and /sys report size 0, so read to the end.
 * Returns 0 or -errno. */
static long slurp(const char *path, struct buf *b)
{
	long fd = sys_open(path, O_RDONLY | O_CLOEXEC);
	b->data = 0;
	b->len = b->cap = 0;
	if (fd < 0)
		return fd;
	for (;;) {
		buf_reserve(b, 4096);
		long got = sys_read((int)fd, b->data + b->len, b->cap - b->len);
		if (got == -EINTR)
			continue;
		if (got < 0) {
			buf_free(b);
			sys_close((int)fd);
			return got;
		}
		if (got == 0)
			break;
		b->len += (unsigned long)got;
	}
	sys_close((int)fd);
	return 0;
}

/* ---- output --------------------------------------------------------------------------- */

static char out_buf[65536];
static unsigned long out_len;

static void out_flush(void)
{
	unsigned long done = 0;
	while (done < out_len) {
		long n = sys_write(1, out_buf + done, out_len - done);
		if (n == -EINTR)
			continue;
		if (n <= 0)
			break;
		done += (unsigned long)n;
	}
	out_len = 0;
}

static void out_char(char c)
{
	if (out_len == sizeof(out_buf))
		out_flush();
	out_buf[out_len++] = c;
}

static void out_str(const char *s)
{
	while (*s)
		out_char(*s++);
}

static void out_dec(long v)
{
	char digits[24];
	int n = 0;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;
	if (v < 0)
		out_char('-');
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n)
		out_char(digits[--n]);
}

static void out_escaped(const char *s, unsigned long n)
{
	static const char hex[] = "0123456789abcdef";
	for (unsigned long i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f || c == '\\') {
			out_str("\\x");
			out_char(hex[c >> 4]);
			out_char(hex[c & 15]);
		} else {
			out_char((char)c);
		}
	}
}

static void record_begin(const char *name)
{
	out_str("@@PYMODPOST ");
	out_str(name);
}

static void record_end(void) { out_str("@@\n"); }

static void record_num(const char *name, long v)
{
	record_begin(name);
	out_char(' ');
	out_dec(v);
	record_end();
}

/* A block is opened, filled with content lines, and closed with its line count. */
static long block_lines;

static void block_begin(const char *kind, int index)
{
	record_begin("BEGIN ");
	out_str(kind);
	out_char(' ');
	out_dec(index);
	record_end();
	block_lines = 0;
}

static void block_line(const char *s, unsigned long n)
{
	out_str("@@| ");
	out_escaped(s, n);
	out_char('\n');
	block_lines++;
}

static void block_end(const char *kind, int index)
{
	record_begin("END ");
	out_str(kind);
	out_char(' ');
	out_dec(index);
	out_char(' ');
	out_dec(block_lines);
	record_end();
	out_flush();
}

static unsigned long line_end(const struct buf *b, unsigned long pos)
{
	while (pos < b->len && b->data[pos] != '\n')
		pos++;
	return pos;
}

static void block_text(const struct buf *b)
{
	for (unsigned long pos = 0; pos < b->len;) {
		unsigned long end = line_end(b, pos);
		block_line(b->data + pos, end - pos);
		pos = end + 1;
	}
}

/* ---- kernel log ----------------------------------------------------------------------- */

static long kmsg_fd = -1;

/* The console log level the kernel booted with (first field of /proc/sys/kernel/printk). */
static long boot_console_level = 7;

static void set_console_level(long level)
{
	SYS(__NR_syslog, SYSLOG_ACTION_CONSOLE_LEVEL, 0, level, 0, 0, 0);
}

/* Every /dev/kmsg record logged since the previous call, as block lines of the form
 * "<prefix>,<seq>,<usec>,<flags>;<text>"; continuation lines (device properties, each
 * starting with a space) are left out. */
static void report_kmsg(const char *kind, int index)
{
	static char rec[8192];
	block_begin(kind, index);
	while (kmsg_fd >= 0) {
		long got = sys_read((int)kmsg_fd, rec, sizeof(rec));
		if (got == -EINTR || got == -EPIPE)
			continue; /* EPIPE: older records were overwritten; carry on */
		if (got <= 0)
			break; /* -EAGAIN: nothing more */
		unsigned long n = 0;
		while (n < (unsigned long)got && rec[n] != '\n')
			n++;
		block_line(rec, n);
	}
	block_end(kind, index);
}

static void report_dmesg(void)
{
	long size = SYS(__NR_syslog, SYSLOG_ACTION_SIZE_BUFFER, 0, 0, 0, 0, 0);
	block_begin("dmesg", 0);
	if (size > 0) {
		struct buf b = {0, 0, 0};
		buf_reserve(&b, (unsigned long)size);
		long got = SYS(__NR_syslog, SYSLOG_ACTION_READ_ALL, b.data, size, 0, 0, 0);
		if (got > 0) {
			b.len = (unsigned long)got;
			block_text(&b);
		}
		buf_free(&b);
	}
	block_end("dmesg", 0);
}

/* ---- commands --------------------------------------------------------------------------- */

struct step {
	const char *path;
	const char *params;
	int use_init_module; /* 0: finit_module(fd, ...), 1: init_module(image, len, ...) */
	long flags;          /* finit_module flags */
	char module[64];     /* name found in /proc/modules after a successful load */
	int loaded;
};

static struct step steps[MAX_STEPS];
static int nsteps;
static int opt_unload = 1;
static int opt_kallsyms;
static int opt_symbols = 1;
static struct buf commands;

static long parse_dec(const char *s, const char **rest)
{
	long v = 0;
	int neg = *s == '-';
	if (neg)
		s++;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	if (rest)
		*rest = s;
	return neg ? -v : v;
}

/* Lines: "option unload 0|1", "option kallsyms 0|1", "option symbols 0|1",
 *        "load finit|init <flags> <path>" followed by "params <text to end of line>".
 * The lines are cut in place (NUL-terminated) inside the commands buffer. */
static int read_commands(void)
{
	if (slurp(COMMAND_FILE, &commands) < 0)
		return -1;
	buf_reserve(&commands, 1);
	commands.data[commands.len] = '\0';
	for (unsigned long pos = 0; pos < commands.len;) {
		unsigned long end = line_end(&commands, pos);
		char *line = commands.data + pos;
		unsigned long n = end - pos;
		line[n] = '\0';
		pos = end + 1;
		if (starts_with(line, n, "option unload ")) {
			opt_unload = (int)parse_dec(line + 14, 0);
		} else if (starts_with(line, n, "option kallsyms ")) {
			opt_kallsyms = (int)parse_dec(line + 16, 0);
		} else if (starts_with(line, n, "option symbols ")) {
			opt_symbols = (int)parse_dec(line + 15, 0);
		} else if (starts_with(line, n, "load ") && nsteps < MAX_STEPS) {
			struct step *s = &steps[nsteps++];
			const char *p = line + 5;
			if (starts_with(p, strlen(p), "init "))
				s->use_init_module = 1;
			else if (!starts_with(p, strlen(p), "finit "))
				return -1;
			p += s->use_init_module ? 5 : 6;
			s->flags = parse_dec(p, &p);
			if (*p++ != ' ')
				return -1;
			s->path = p;
			s->params = "";
		} else if (starts_with(line, n, "params ") && nsteps > 0) {
			steps[nsteps - 1].params = line + 7;
		}
	}
	return 0;
}

/* ---- modules -------------------------------------------------------------------------- */

/* Is `name` (n bytes) the first word of some line of /proc/modules text `mods`? */
static int module_listed(const struct buf *mods, const char *name, unsigned long n)
{
	for (unsigned long pos = 0; pos < mods->len;) {
		unsigned long end = line_end(mods, pos);
		if (end - pos > n && !memcmp(mods->data + pos, name, n) && mods->data[pos + n] == ' ')
			return 1;
		pos = end + 1;
	}
	return 0;
}

/* The module listed in `after` but not in `before`: the one just loaded. */
static void new_module_name(const struct buf *before, const struct buf *after, char *out, unsigned long outsz)
{
	out[0] = '\0';
	for (unsigned long pos = 0; pos < after->len;) {
		unsigned long end = line_end(after, pos), n = 0;
		while (pos + n < end && after->data[pos + n] != ' ')
			n++;
		if (!module_listed(before, after->data + pos, n) && n < outsz) {
			memcpy(out, after->data + pos, n);
			out[n] = '\0';
			return;
		}
		pos = end + 1;
	}
}

/* Load one module from a child process.  Returns the system call's result (0 or -errno);
 * *sig is the signal that killed the child, if it died inside the call. */
static long load_in_child(const struct step *s, int *sig)
{
	int pipefd[2];
	*sig = 0;
	long r = SYS(__NR_pipe2, pipefd, O_CLOEXEC, 0, 0, 0, 0);
	if (r < 0)
		return r;
	out_flush();
	long pid = SYS(__NR_clone, SIGCHLD, 0, 0, 0, 0, 0);
	if (pid < 0)
		return pid;
	if (pid == 0) {
		long ret;
		long fd = sys_open(s->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			ret = fd;
		} else if (s->use_init_module) {
			struct buf image;
			ret = slurp(s->path, &image);
			if (ret == 0)
				ret = SYS(__NR_init_module, image.data, image.len, s->params, 0, 0, 0);
		} else {
			ret = SYS(__NR_finit_module, fd, s->params, s->flags, 0, 0, 0);
		}
		sys_write(pipefd[1], &ret, sizeof(ret));
		sys_exit(0);
	}
	sys_close(pipefd[1]);
	long ret = 1;
	long got;
	do
		got = sys_read(pipefd[0], &ret, sizeof(ret));
	while (got == -EINTR);
	sys_close(pipefd[0]);
	int status = 0;
	while (SYS(__NR_wait4, pid, &status, 0, 0, 0, 0) == -EINTR)
		;
	if ((status & 0x7f) != 0 && (status & 0x7f) != 0x7f)
		*sig = status & 0x7f;
	if (got != (long)sizeof(ret))
		return 1; /* no answer: the child died inside the system call */
	return ret;
}

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static void path_join(char *out, unsigned long outsz, const char *a, const char *b, const char *c)
{
	const char *parts[3] = {a, b, c};
	unsigned long n = 0;
	for (int i = 0; i < 3; i++)
		for (const char *p = parts[i]; p && *p && n + 1 < outsz; p++)
			out[n++] = *p;
	out[n] = '\0';
}

/* Each regular file of /sys/module/<m>/<subdir> as a line: the name, a tab, then "=" and
 * the value (one trailing newline dropped), or "!" and the errno if it cannot be read. */
static void report_sysfs_dir(const char *kind, int index, const char *module, const char *subdir)
{
	char dirpath[256];
	path_join(dirpath, sizeof(dirpath), "/sys/module/", module, subdir);
	block_begin(kind, index);
	long dfd = sys_open(dirpath, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	static char dents[16384];
	for (;;) {
		long got = dfd < 0 ? 0 : SYS(__NR_getdents64, dfd, dents, sizeof(dents), 0, 0, 0);
		if (got <= 0)
			break;
		for (long off = 0; off < got;) {
			struct linux_dirent64 *de = (struct linux_dirent64 *)(dents + off);
			off += de->d_reclen;
			if (de->d_type != DT_REG)
				continue;
			char path[512];
			path_join(path, sizeof(path), dirpath, "/", de->d_name);
			struct buf value;
			long r = slurp(path, &value);
			struct buf line = {0, 0, 0};
			unsigned long namelen = strlen(de->d_name);
			buf_reserve(&line, namelen + 32 + (r == 0 ? value.len : 0));
			memcpy(line.data, de->d_name, namelen);
			line.len = namelen;
			line.data[line.len++] = '\t';
			if (r == 0) {
				unsigned long vlen = value.len;
				if (vlen && value.data[vlen - 1] == '\n')
					vlen--;
				line.data[line.len++] = '=';
				memcpy(line.data + line.len, value.data, vlen);
				line.len += vlen;
				buf_free(&value);
			} else {
				char num[24];
				int k = 0;
				for (unsigned long e = (unsigned long)-r; e; e /= 10)
					num[k++] = (char)('0' + e % 10);
				line.data[line.len++] = '!';
				while (k)
					line.data[line.len++] = num[--k];
			}
			block_line(line.data, line.len);
			buf_free(&line);
		}
	}
	if (dfd >= 0)
		sys_close((int)dfd);
	block_end(kind, index);
}

/* Lines of /proc/modules (or, with a module, only its line). */
static void report_proc_modules(int index, const char *module)
{
	struct buf text;
	unsigned long n = strlen(module);
	block_begin("proc-modules", index);
	if (slurp("/proc/modules", &text) == 0) {
		for (unsigned long pos = 0; pos < text.len;) {
			unsigned long end = line_end(&text, pos);
			const char *line = text.data + pos;
			if (end - pos > n && !memcmp(line, module, n) && line[n] == ' ')
				block_line(line, end - pos);
			pos = end + 1;
		}
		buf_free(&text);
	}
	block_end("proc-modules", index);
}

/* The /proc/kallsyms lines of one module ("... name\t[module]"), or all of them. */
static void report_kallsyms(const char *kind, int index, const char *module)
{
	struct buf text;
	char tag[80];
	path_join(tag, sizeof(tag), "\t[", module ? module : "", "]");
	unsigned long taglen = module ? strlen(tag) : 0;
	block_begin(kind, index);
	if (slurp("/proc/kallsyms", &text) == 0) {
		for (unsigned long pos = 0; pos < text.len;) {
			unsigned long end = line_end(&text, pos);
			const char *line = text.data + pos;
			unsigned long n = end - pos;
			if (!module || (n > taglen && !memcmp(line + n - taglen, tag, taglen)))
				block_line(line, n);
			pos = end + 1;
		}
		buf_free(&text);
	}
	block_end(kind, index);
}

static void run_load(int index)
{
	struct step *s = &steps[index];
	struct buf before, after;
	if (slurp("/proc/modules", &before) < 0)
		before.len = 0;
	record_num("STEP", index);
	out_flush();
	int sig;
	set_console_level(boot_console_level);
	long ret = load_in_child(s, &sig);
	set_console_level(1);
	/* LOAD <step> <return value> <errno> <signal> */
	record_begin("LOAD ");
	out_dec(index);
	out_char(' ');
	out_dec(ret < 0 ? -1 : ret);
	out_char(' ');
	out_dec(ret < 0 ? -ret : 0);
	out_char(' ');
	out_dec(sig);
	record_end();
	report_kmsg("load-kmsg", index);
	if (ret == 0 && slurp("/proc/modules", &after) == 0) {
		new_module_name(&before, &after, s->module, sizeof(s->module));
		s->loaded = s->module[0] != '\0';
		buf_free(&after);
	}
	buf_free(&before);
	if (!s->loaded)
		return;
	record_begin("MODULE ");
	out_dec(index);
	out_char(' ');
	out_str(s->module);
	record_end();
	report_proc_modules(index, s->module);
	report_sysfs_dir("sections", index, s->module, "/sections");
	report_sysfs_dir("parameters", index, s->module, "/parameters");
	report_sysfs_dir("attributes", index, s->module, "");
	/* the costliest read: the kernel formats every symbol it has to list the module's */
	if (opt_symbols)
		report_kallsyms("symbols", index, s->module);
}

static void run_unload(int index)
{
	struct step *s = &steps[index];
	record_num("UNLOADING", index);
	out_flush();
	set_console_level(boot_console_level);
	long ret = SYS(__NR_delete_module, s->module, O_NONBLOCK, 0, 0, 0, 0);
	set_console_level(1);
	/* UNLOAD <step> <return value> <errno> */
	record_begin("UNLOAD ");
	out_dec(index);
	out_char(' ');
	out_dec(ret < 0 ? -1 : ret);
	out_char(' ');
	out_dec(ret < 0 ? -ret : 0);
	record_end();
	report_kmsg("unload-kmsg", index);
}

static void report_release(void)
{
	struct {
		char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
	} un;
	if (SYS(__NR_uname, &un, 0, 0, 0, 0, 0) == 0) {
		record_begin("RELEASE ");
		out_escaped(un.release, strlen(un.release));
		record_end();
	}
}

static void write_file(const char *path, const char *text)
{
	long fd = sys_open(path, O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		sys_write((int)fd, text, strlen(text)); /* best effort */
		sys_close((int)fd);
	}
}

static void finish(void)
{
	report_dmesg();
	record_begin("DONE");
	record_end();
	out_flush();
	SYS(__NR_sync, 0, 0, 0, 0, 0, 0);
	SYS(__NR_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_CMD_POWER_OFF, 0, 0, 0);
	/* Still here: PID 1 must not exit, or the kernel panics. */
	for (;;)
		SYS(__NR_ppoll, 0, 0, 0, 0, 0, 0);
}

static void mount_fs(const char *type, const char *target)
{
	SYS(__NR_mkdirat, AT_FDCWD, target, 0755, 0, 0, 0);
	SYS(__NR_mount, type, target, type, 0, 0, 0);
}

__attribute__((used)) void start_c(void)
{
	struct buf printk;
	mount_fs("proc", "/proc");
	if (slurp("/proc/sys/kernel/printk", &printk) == 0) {
		buf_reserve(&printk, 1);
		printk.data[printk.len] = '\0';
		boot_console_level = parse_dec(printk.data, 0);
		buf_free(&printk);
	}
	/* Printk must not write into our protocol lines on the shared serial console: from now
	 * on only emergency messages reach the console; the rest is read back from the log. */
	set_console_level(1);
	mount_fs("sysfs", "/sys");
	/* devtmpfs may be missing from a small kernel; the initramfs carries the device nodes
	 * we need (/dev/console, /dev/kmsg) for that case. */
	mount_fs("devtmpfs", "/dev");

	record_num("HELLO", PROTOCOL_VERSION);
	report_release();
	/* Root sees real addresses in /proc/kallsyms and /sys/module/.../sections. */
	write_file("/proc/sys/kernel/kptr_restrict", "0\n");

	kmsg_fd = sys_open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg_fd >= 0)
		SYS(__NR_lseek, kmsg_fd, 0, SEEK_END, 0, 0, 0); /* boot messages: see the dmesg block */
	else
		record_num("NOKMSG", -kmsg_fd);

	if (read_commands() < 0) {
		record_begin("ERROR cannot read " COMMAND_FILE);
		record_end();
		finish();
	}
	for (int i = 0; i < nsteps; i++)
		run_load(i);
	if (opt_kallsyms)
		report_kallsyms("kallsyms", 0, 0);
	if (opt_unload)
		for (int i = nsteps - 1; i >= 0; i--)
			if (steps[i].loaded)
				run_unload(i);
	finish();
}

/* Entry point: no C library start-up; align the stack and go. */
#if defined(__x86_64__)
__asm__(".text\n.globl _start\n_start:\n"
	"\txor %rbp, %rbp\n"
	"\tand $-16, %rsp\n"
	"\tcall start_c\n"
	"\thlt\n");
#elif defined(__riscv)
__asm__(".text\n.globl _start\n_start:\n"
	".option push\n.option norelax\n"
	"\tlla gp, __global_pointer$\n"
	".option pop\n"
	"\tandi sp, sp, -16\n"
	"\tcall start_c\n");
#endif
