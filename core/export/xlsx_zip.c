/* SPDX-License-Identifier: MIT */
/*
 * The five calls of minizip's zip.h that libxlsxwriter's packager makes
 * in workbook_close, answered by base/zipwrite.c: a workbook's parts
 * deflated on every core instead of one after another on one.
 *
 * Not in libbaocao: every executable that writes workbooks compiles it
 * (core/cli, tests/unit).  The executable comes first where the dynamic
 * linker looks, so libxlsxwriter's calls, which Debian's build leaves
 * to libminizip, bind here; the linker exports these definitions for
 * that, since a shared library linked in refers to them.  A
 * libxlsxwriter that binds minizip inside itself never calls them and
 * works as before.
 *
 * Only libxlsxwriter's archives are ours.  The definitions here come
 * first for everyone in the process: a plugin using minizip, and
 * libminizip itself, whose functions call these through its PLT (its
 * zipClose ends an open member with zipCloseFileInZip).  So zipOpen
 * writes with bc_zipw only when called from the library that defines
 * workbook_close, and hands anyone else minizip's own handle; every
 * other call takes a handle it does not know (by its first field) to
 * minizip's function of the same name, found with dlsym(RTLD_NEXT).
 * tests/unit's test_xlsx_zip checks that libxlsxwriter calls no other
 * function of minizip's, which would be handed a handle of ours.
 *
 * What bc_zipw does not write (ZIP64, encryption, extra fields or a
 * comment of a member, a method other than deflate, parameters
 * bc_zipw_begin refuses) goes to minizip too: the archive is handed
 * over whole when its first member asks for it, since nothing is
 * written yet; a later member asking is refused (ZIP_PARAMERROR).
 * libxlsxwriter asks for none of them unless told to use ZIP64.
 *
 * When a call fails, the writer behind the handle is stopped and freed
 * at once, its threads with it; the handle answers each later call
 * with an error until zipClose, which libxlsxwriter makes after a
 * failure as after success, frees it.
 */
#define _GNU_SOURCE /* RTLD_NEXT, dladdr, sched_getaffinity */
#include "zipwrite.h"

#include <dlfcn.h>
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <minizip/zip.h> /* not libzip's zip.h */

#define EXPORTED __attribute__((visibility("default")))

/* A handle's first field.  minizip's begins with a function pointer,
 * which this cannot be: no user-space address has its top bits set. */
#define MAGIC UINT64_C(0xbc217a6970777221)

/* minizip's functions of the same names. */
typedef struct minizip {
	zipFile (*open)(const char *, int);
	int (*open_member)(zipFile, const char *, const zip_fileinfo *,
			   const void *, uInt, const void *, uInt,
			   const char *, int, int, int, int, int, int,
			   const char *, uLong, uLong, uLong, int);
	int (*write)(zipFile, const void *, unsigned);
	int (*close_member)(zipFile);
	int (*close)(zipFile, const char *);
} minizip;

typedef struct handle {
	uint64_t magic;
	bc_zipw *w;     /* ours; NULL once failed or handed over */
	zipFile real;   /* minizip's, handed over */
	minizip mz;
	char *path;     /* to hand over to */
	size_t members; /* begun in w */
} handle;

static bool find_minizip(minizip *mz)
{
	/* POSIX's way to a function from dlsym's void *. */
	void *p[5] = {dlsym(RTLD_NEXT, "zipOpen"),
		      dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64"),
		      dlsym(RTLD_NEXT, "zipWriteInFileInZip"),
		      dlsym(RTLD_NEXT, "zipCloseFileInZip"),
		      dlsym(RTLD_NEXT, "zipClose")};
	for (size_t i = 0; i < 5; i++)
		if (!p[i])
			return false;
	memcpy(&mz->open, &p[0], sizeof p[0]);
	memcpy(&mz->open_member, &p[1], sizeof p[1]);
	memcpy(&mz->write, &p[2], sizeof p[2]);
	memcpy(&mz->close_member, &p[3], sizeof p[3]);
	memcpy(&mz->close, &p[4], sizeof p[4]);
	return true;
}

/* h as ours, or NULL for a handle of minizip's. */
static handle *ours(zipFile file)
{
	handle *h = file;
	return h && h->magic == MAGIC ? h : NULL;
}

/* True when the code at pc is libxlsxwriter's: of the object that
 * defines workbook_close.  Looked up past the program, whose own
 * address for it may be a PLT entry of the program's. */
static bool from_libxlsxwriter(const void *pc)
{
	Dl_info at, lxw;
	void *close = dlsym(RTLD_NEXT, "workbook_close");
	return close && dladdr(pc, &at) && dladdr(close, &lxw) &&
	       at.dli_fbase == lxw.dli_fbase;
}

/* The cores this process may run on. */
static unsigned cores(void)
{
	cpu_set_t set;
	if (!sched_getaffinity(0, sizeof set, &set))
		return (unsigned)CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

static int zip_code(bc_err err)
{
	switch (err) {
	case BC_OK:
		return ZIP_OK;
	case BC_ERR_IO:
		return ZIP_ERRNO;
	case BC_ERR_SYNTAX:
	case BC_ERR_LIMIT:
		return ZIP_PARAMERROR;
	default:
		return ZIP_INTERNALERROR;
	}
}

/* A failed call's end: the writer stopped and freed, errno kept for
 * libxlsxwriter's caller (export/xlsx_write.c tells memory from the
 * disk by it). */
static int give_up(handle *h, bc_err err)
{
	int e = errno;
	bc_zipw_abandon(h->w);
	h->w = NULL;
	free(h->path);
	h->path = NULL;
	errno = e;
	return zip_code(err);
}

/* noinline: the caller's address is the one it was called from. */
EXPORTED __attribute__((noinline)) zipFile zipOpen(const char *path,
						   int append)
{
	minizip mz;
	if (append != APPEND_STATUS_CREATE ||
	    !from_libxlsxwriter(__builtin_return_address(0)))
		return find_minizip(&mz) ? mz.open(path, append) : NULL;
	handle *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	h->magic = MAGIC;
	bc_err err;
	if (!(h->path = strdup(path)) ||
	    !(h->w = bc_zipw_open(path, cores(), &err))) {
		int e = errno;
		free(h->path);
		free(h);
		errno = e;
		return NULL;
	}
	return h;
}

/* The DOS date and time (date high) of a member, as minizip makes
 * them. */
static uLong dos_time(const zip_fileinfo *fi)
{
	if (!fi)
		return 0;
	if (fi->dosDate)
		return fi->dosDate;
	const tm_zip *t = &fi->tmz_date;
	uLong year = t->tm_year;
	if (year >= 1980)
		year -= 1980;
	else if (year >= 80)
		year -= 80;
	return ((t->tm_mday + 32 * (t->tm_mon + 1) + 512 * year) << 16) |
	       (t->tm_sec / 2 + 32 * t->tm_min + 2048 * t->tm_hour);
}

/* minizip's general-purpose bits for the level. */
static uint16_t level_flags(int level)
{
	return level == 8 || level == 9 ? 2 : level == 2 ? 4
					: level == 1 ? 6
						     : 0;
}

/* The archive handed to minizip, nothing of it written yet. */
static bool hand_over(handle *h)
{
	if (!find_minizip(&h->mz))
		return false;
	bc_zipw_abandon(h->w);
	h->w = NULL;
	h->real = h->mz.open(h->path, APPEND_STATUS_CREATE);
	return h->real != NULL;
}

/* Begins a member of ours; BC_ERR_SYNTAX for what bc_zipw does not
 * write. */
static bc_err begin(handle *h, const char *name, const zip_fileinfo *fi,
		    bool plain, int level, int window_bits, int mem_level,
		    int strategy, uLong made_by, uLong flags)
{
	uLong when = dos_time(fi);
	bc_zipw_member m = {
		.name = name,
		.dos_time = (uint16_t)(when & 0xffff),
		.dos_date = (uint16_t)(when >> 16),
		.flags = (uint16_t)(flags | level_flags(level)),
		.made_by = (uint16_t)made_by,
		.internal_attr = fi ? (uint16_t)fi->internal_fa : 0,
		.external_attr = fi ? (uint32_t)fi->external_fa : 0,
		.level = level,
		.window_bits = window_bits,
		.mem_level = mem_level,
		.strategy = strategy,
	};
	return plain && flags <= 0xffff ? bc_zipw_begin(h->w, &m)
					: BC_ERR_SYNTAX;
}

EXPORTED int zipOpenNewFileInZip4_64(
	zipFile file, const char *name, const zip_fileinfo *fi,
	const void *extra_local, uInt extra_local_size, const void *extra,
	uInt extra_size, const char *comment, int method, int level, int raw,
	int window_bits, int mem_level, int strategy, const char *password,
	uLong password_crc, uLong made_by, uLong flags, int zip64)
{
	handle *h = ours(file);
	minizip found;
	const minizip *mz = h ? &h->mz : &found;
	if (!h && !find_minizip(&found))
		return ZIP_INTERNALERROR;
	if (h && h->w) {
		bool plain = method == Z_DEFLATED && !raw && !password &&
			     !zip64 && !extra_local_size && !extra_size &&
			     !(comment && *comment);
		bc_err err = begin(h, name, fi, plain, level, window_bits,
				   mem_level, strategy, made_by, flags);
		if (!err) {
			h->members++;
			return ZIP_OK;
		}
		if (err != BC_ERR_SYNTAX || h->members)
			return give_up(h, err);
		if (!hand_over(h))
			return ZIP_ERRNO;
	}
	if (h && !h->real)
		return ZIP_PARAMERROR;
	return mz->open_member(h ? h->real : file, name, fi, extra_local,
			       extra_local_size, extra, extra_size, comment,
			       method, level, raw, window_bits, mem_level,
			       strategy, password, password_crc, made_by,
			       flags, zip64);
}

EXPORTED int zipWriteInFileInZip(zipFile file, const void *buf, unsigned len)
{
	handle *h = ours(file);
	minizip mz;
	if (!h)
		return find_minizip(&mz) ? mz.write(file, buf, len)
					 : ZIP_INTERNALERROR;
	if (h->real)
		return h->mz.write(h->real, buf, len);
	if (!h->w)
		return ZIP_PARAMERROR;
	bc_err err = bc_zipw_write(h->w, buf, len);
	return err ? give_up(h, err) : ZIP_OK;
}

EXPORTED int zipCloseFileInZip(zipFile file)
{
	handle *h = ours(file);
	minizip mz;
	if (!h)
		return find_minizip(&mz) ? mz.close_member(file)
					 : ZIP_INTERNALERROR;
	if (h->real)
		return h->mz.close_member(h->real);
	if (!h->w)
		return ZIP_PARAMERROR;
	bc_err err = bc_zipw_end(h->w);
	return err ? give_up(h, err) : ZIP_OK;
}

EXPORTED int zipClose(zipFile file, const char *comment)
{
	handle *h = ours(file);
	minizip mz;
	if (!h)
		return find_minizip(&mz) ? mz.close(file, comment)
					 : ZIP_INTERNALERROR;
	int r = h->real ? h->mz.close(h->real, comment)
	      : h->w    ? zip_code(bc_zipw_close(h->w, comment))
			: ZIP_PARAMERROR;
	int e = errno;
	free(h->path);
	free(h);
	errno = e;
	return r;
}
