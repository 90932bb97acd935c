/*
 * pymodpost harness: the guest's /init.
 *
 * Built statically (gcc -static for x86_64, riscv64-linux-gnu-gcc -static for riscv64) by
 * pymodpost/harness/guest.py and packed into the initramfs together with the modules and a
 * command file.  It runs as PID 1 inside a real kernel under qemu, loads each module through
 * the real finit_module/init_module system calls, reports what the kernel did, unloads the
 * modules with delete_module and powers the machine off.
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
 * printk output cannot cut into the protocol lines on the shared serial port.
 *
 * Each module is loaded by a forked child: if the module's init oopses, the kernel kills
 * the child, not PID 1, and the report still arrives.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROTOCOL_VERSION 1
#define COMMAND_FILE "/harness/commands"
#define MAX_STEPS 256

/* syslog(2) actions, named as in the man page */
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_BUFFER 10

struct step {
	char *path;
	char *params;
	int use_init_module; /* 0: finit_module(fd, ...), 1: init_module(image, len, ...) */
	int flags;           /* finit_module flags */
	char module[64];     /* name found in /proc/modules after a successful load */
	int loaded;
};

static struct step steps[MAX_STEPS];
static int nsteps;
static int opt_unload = 1;
static int opt_kallsyms;
static int kmsg_fd = -1;

/* ---- output ------------------------------------------------------------------------ */

static void put_escaped(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f || c == '\\')
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

static void record(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void record(const char *fmt, ...)
{
	va_list ap;
	fputs("@@PYMODPOST ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputs("@@\n", stdout);
}

/* A block is opened, filled with content lines, and closed with its line count. */
static long block_lines;

static void block_begin(const char *kind, int index)
{
	record("BEGIN %s %d", kind, index);
	block_lines = 0;
}

static void block_line(const char *s, size_t n)
{
	fputs("@@| ", stdout);
	put_escaped(s, n);
	putchar('\n');
	block_lines++;
}

static void block_end(const char *kind, int index)
{
	record("END %s %d %ld", kind, index, block_lines);
	fflush(stdout);
}

/* ---- files ------------------------------------------------------------------------- */

/* Whole contents of a (proc/sys) file, NUL-terminated; NULL with errno set on failure.
 * /proc and /sys files report size 0, so read until end of file. */
static char *slurp(const char *path, size_t *len_out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap + 1);
	for (;;) {
		if (len == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
		}
		ssize_t got = read(fd, buf + len, cap - len);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			free(buf);
			close(fd);
			errno = saved;
			return NULL;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	close(fd);
	buf[len] = '\0';
	*len_out = len;
	return buf;
}

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0) {
			/* best effort: the setting only widens what we can see */
		}
		close(fd);
	}
}

/* Emit a buffer as block lines, one per text line (a final unterminated line counts). */
static void block_text(const char *buf, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n') {
			block_line(buf + start, i - start);
			start = i + 1;
		}
	}
	if (start < len)
		block_line(buf + start, len - start);
}

/* ---- kernel log -------------------------------------------------------------------- */

/* Report every /dev/kmsg record logged since the previous call, as block lines of the
 * form "<prefix>,<seq>,<usec>,<flags>;<text>" (continuation lines, which start with a
 * space and carry device properties, are left out). */
static void report_kmsg(const char *kind, int index)
{
	char rec[8192];
	block_begin(kind, index);
	if (kmsg_fd >= 0) {
		for (;;) {
			ssize_t got = read(kmsg_fd, rec, sizeof(rec) - 1);
			if (got < 0) {
				if (errno == EINTR || errno == EPIPE)
					continue; /* EPIPE: records were overwritten; carry on */
				break;    /* EAGAIN: nothing more */
			}
			if (got == 0)
				break;
			size_t n = (size_t)got;
			char *nl = memchr(rec, '\n', n);
			block_line(rec, nl ? (size_t)(nl - rec) : n);
		}
	}
	block_end(kind, index);
}

static void report_dmesg(void)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	block_begin("dmesg", 0);
	if (size > 0) {
		char *buf = malloc((size_t)size);
		int got = klogctl(SYSLOG_ACTION_READ_ALL, buf, size);
		if (got > 0)
			block_text(buf, (size_t)got);
		free(buf);
	}
	block_end("dmesg", 0);
}

/* ---- modules ----------------------------------------------------------------------- */

/* Module names listed in /proc/modules, as one string "name\nname\n...". */
static char *module_names(void)
{
	size_t len;
	char *text = slurp("/proc/modules", &len);
	if (!text)
		return strdup("");
	char *names = malloc(len + 2), *out = names;
	for (char *line = text; *line;) {
		char *end = strchr(line, '\n');
		size_t n = strcspn(line, " \n");
		memcpy(out, line, n);
		out += n;
		*out++ = '\n';
		if (!end)
			break;
		line = end + 1;
	}
	*out = '\0';
	free(text);
	return names;
}

static int name_listed(const char *names, const char *name, size_t n)
{
	for (const char *p = names; *p;) {
		const char *end = strchr(p, '\n');
		if ((size_t)(end - p) == n && memcmp(p, name, n) == 0)
			return 1;
		p = end + 1;
	}
	return 0;
}

/* The one name in `after` that `before` does not have (the module just loaded). */
static void new_module_name(const char *before, const char *after, char *out, size_t outsz)
{
	out[0] = '\0';
	for (const char *p = after; *p;) {
		const char *end = strchr(p, '\n');
		size_t n = (size_t)(end - p);
		if (!name_listed(before, p, n) && n < outsz) {
			memcpy(out, p, n);
			out[n] = '\0';
			return;
		}
		p = end + 1;
	}
}

/* Load one module from a child process.  Returns through *err the errno of the system
 * call (0 on success) and through *sig the signal that killed the child, if any. */
static int load_in_child(const struct step *s, int *err, int *sig)
{
	int pipefd[2];
	*err = 0;
	*sig = 0;
	if (pipe(pipefd) < 0) {
		*err = errno;
		return -1;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		*err = errno;
		return -1;
	}
	if (pid == 0) {
		long ret;
		int e = 0;
		int fd = open(s->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			ret = -1;
			e = errno;
		} else if (s->use_init_module) {
			struct stat st;
			fstat(fd, &st);
			char *image = malloc((size_t)st.st_size + 1);
			size_t have = 0;
			while (have < (size_t)st.st_size) {
				ssize_t got = read(fd, image + have, (size_t)st.st_size - have);
				if (got <= 0)
					break;
				have += (size_t)got;
			}
			ret = syscall(SYS_init_module, image, (unsigned long)have, s->params);
			e = ret < 0 ? errno : 0;
		} else {
			ret = syscall(SYS_finit_module, fd, s->params, s->flags);
			e = ret < 0 ? errno : 0;
		}
		int reply[2] = {(int)ret, e};
		if (write(pipefd[1], reply, sizeof(reply)) != (ssize_t)sizeof(reply))
			_exit(2);
		_exit(0);
	}
	close(pipefd[1]);
	int reply[2] = {-1, 0};
	ssize_t got = read(pipefd[0], reply, sizeof(reply));
	close(pipefd[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status))
		*sig = WTERMSIG(status);
	if (got != (ssize_t)sizeof(reply))
		return -1; /* the child died inside the system call */
	*err = reply[1];
	return reply[0];
}

/* Each regular file of a /sys/module/<m>/<subdir> directory as "name value" lines. */
static void report_sysfs_dir(const char *kind, int index, const char *module, const char *subdir)
{
	char dirpath[256];
	snprintf(dirpath, sizeof(dirpath), "/sys/module/%s%s%s", module, *subdir ? "/" : "", subdir);
	block_begin(kind, index);
	DIR *dir = opendir(dirpath);
	if (dir) {
		struct dirent *de;
		while ((de = readdir(dir)) != NULL) {
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			char path[512];
			snprintf(path, sizeof(path), "%s/%s", dirpath, de->d_name);
			struct stat st;
			if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
				continue;
			size_t len = 0;
			char *value = slurp(path, &len);
			/* name, a tab, then "=" and the value (one trailing newline dropped),
			 * or "!" and the errno when the file cannot be read */
			char line[16384];
			int n;
			if (value) {
				if (len && value[len - 1] == '\n')
					len--;
				if (len > sizeof(line) - 300)
					len = sizeof(line) - 300;
				n = snprintf(line, sizeof(line), "%s\t=", de->d_name);
				memcpy(line + n, value, len);
				n += (int)len;
				free(value);
			} else {
				n = snprintf(line, sizeof(line), "%s\t!%d", de->d_name, errno);
			}
			block_line(line, (size_t)n);
		}
		closedir(dir);
	}
	block_end(kind, index);
}

/* The /proc/modules line of one module. */
static void report_proc_modules(int index, const char *module)
{
	size_t len, n = strlen(module);
	char *text = slurp("/proc/modules", &len);
	block_begin("proc-modules", index);
	if (text) {
		for (char *line = text; *line;) {
			char *end = strchr(line, '\n');
			size_t linelen = end ? (size_t)(end - line) : strlen(line);
			if (linelen > n && !memcmp(line, module, n) && line[n] == ' ')
				block_line(line, linelen);
			if (!end)
				break;
			line = end + 1;
		}
		free(text);
	}
	block_end("proc-modules", index);
}

/* The /proc/kallsyms lines of one module ("... name\t[module]"), or all of them. */
static void report_kallsyms(const char *kind, int index, const char *module)
{
	size_t len;
	char *text = slurp("/proc/kallsyms", &len);
	char tag[80];
	size_t taglen = module ? (size_t)snprintf(tag, sizeof(tag), "\t[%s]", module) : 0;
	block_begin(kind, index);
	if (text) {
		for (char *line = text; *line;) {
			char *end = strchr(line, '\n');
			size_t linelen = end ? (size_t)(end - line) : strlen(line);
			char *tail = line + linelen - taglen;
			if (!module || (linelen > taglen && !memcmp(tail, tag, taglen)))
				block_line(line, linelen);
			if (!end)
				break;
			line = end + 1;
		}
		free(text);
	}
	block_end(kind, index);
}

static void run_load(int index)
{
	struct step *s = &steps[index];
	char *before = module_names();
	int err, sig;
	record("STEP %d", index);
	fflush(stdout);
	int ret = load_in_child(s, &err, &sig);
	record("LOAD %d %d %d %d %s", index, ret, err, sig, err ? strerror(err) : "");
	report_kmsg("load-kmsg", index);
	char *after = module_names();
	if (ret == 0) {
		new_module_name(before, after, s->module, sizeof(s->module));
		s->loaded = s->module[0] != '\0';
	}
	free(before);
	free(after);
	if (!s->loaded)
		return;
	record("MODULE %d %s", index, s->module);
	report_proc_modules(index, s->module);
	report_sysfs_dir("sections", index, s->module, "sections");
	report_sysfs_dir("parameters", index, s->module, "parameters");
	report_sysfs_dir("attributes", index, s->module, "");
	report_kallsyms("symbols", index, s->module);
}

static void run_unload(int index)
{
	struct step *s = &steps[index];
	record("UNLOADING %d", index);
	fflush(stdout);
	long ret = syscall(SYS_delete_module, s->module, O_NONBLOCK);
	int err = ret < 0 ? errno : 0;
	record("UNLOAD %d %ld %d %s", index, ret, err, err ? strerror(err) : "");
	report_kmsg("unload-kmsg", index);
}

/* ---- commands ---------------------------------------------------------------------- */

/* Lines: "option unload 0|1", "option kallsyms 0|1",
 *        "load finit|init <flags> <path>" followed by "params <text to end of line>". */
static int read_commands(void)
{
	FILE *f = fopen(COMMAND_FILE, "r");
	if (!f)
		return -1;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (!strncmp(line, "option unload ", 14)) {
			opt_unload = atoi(line + 14);
		} else if (!strncmp(line, "option kallsyms ", 16)) {
			opt_kallsyms = atoi(line + 16);
		} else if (!strncmp(line, "load ", 5) && nsteps < MAX_STEPS) {
			struct step *s = &steps[nsteps++];
			char how[16];
			int used = 0;
			if (sscanf(line + 5, "%15s %i %n", how, &s->flags, &used) < 2)
				return -1;
			s->use_init_module = !strcmp(how, "init");
			s->path = strdup(line + 5 + used);
			s->params = strdup("");
		} else if (!strncmp(line, "params ", 7) && nsteps > 0) {
			free(steps[nsteps - 1].params);
			steps[nsteps - 1].params = strdup(line + 7);
		}
	}
	free(line);
	fclose(f);
	return 0;
}

static void power_off(void)
{
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	/* Still here: PID 1 must not return, or the kernel panics mid-report. */
	for (;;)
		pause();
}

int main(void)
{
	/* Printk must not write into our protocol lines on the shared serial console: from now
	 * on only emergency messages reach the console; the rest is read back from the log. */
	klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 1);
	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));

	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/dev", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	/* devtmpfs may be missing from a small kernel; the initramfs carries the device
	 * nodes we need (/dev/console, /dev/kmsg) for that case. */
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);

	record("HELLO %d", PROTOCOL_VERSION);
	struct utsname un;
	if (uname(&un) == 0)
		record("RELEASE %s", un.release);

	/* Root sees real addresses in /proc/kallsyms and /sys/module/.../sections. */
	write_file("/proc/sys/kernel/kptr_restrict", "0\n");

	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg_fd >= 0)
		lseek(kmsg_fd, 0, SEEK_END); /* boot messages are in the dmesg block */
	else
		record("NOKMSG %d", errno);

	if (read_commands() < 0) {
		record("ERROR cannot read %s", COMMAND_FILE);
		report_dmesg();
		record("DONE");
		power_off();
	}
	for (int i = 0; i < nsteps; i++)
		run_load(i);
	if (opt_kallsyms)
		report_kallsyms("kallsyms", 0, NULL);
	if (opt_unload)
		for (int i = nsteps - 1; i >= 0; i--)
			if (steps[i].loaded)
				run_unload(i);
	report_dmesg();
	record("DONE");
	power_off();
	return 0;
}
