/* SPDX-License-Identifier: MIT */
/*
 * A progress line for long work (many files imported, a national
 * export, a template per unit): "done/total, rate, time left" on stderr,
 * redrawn in place, a few times a second at most, and cleared when the
 * work ends.  Shown only when stderr is a terminal and --json is not
 * asked: a pipe, a log file and a script see nothing of it.
 */
#ifndef BC_CLI_PROGRESS_H
#define BC_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

/* What is counted, which names the line's words. */
typedef enum cli_progress_kind {
	CLI_PROGRESS_FILES,  /* files imported */
	CLI_PROGRESS_UNITS,  /* units whose template is written */
	CLI_PROGRESS_PARTS,  /* parts of an export written */
} cli_progress_kind;

typedef struct cli_progress {
	int fd; /* where the line goes; -1 shows nothing */
	cli_progress_kind kind;
	double (*clock)(void); /* seconds, from any origin */
	double start, drawn_at;
	size_t done, total;
	size_t width; /* the columns of the line on screen; 0 when none */
} cli_progress;

/* Redrawn no more often than this (seconds), unless the line was
 * cleared for other output since. */
#define CLI_PROGRESS_EVERY 0.25

/* Starts counting total pieces of kind; the line will show on stderr
 * if it is a terminal and not json. */
void cli_progress_begin(cli_progress *p, bool json, cli_progress_kind kind,
			size_t total);
/* done pieces of total are done: the line is redrawn if it is due. */
void cli_progress_step(cli_progress *p, size_t done, size_t total);
/* Clears the line, before other output goes to stderr; the next step
 * draws it again at once. */
void cli_progress_hide(cli_progress *p);
/* The work is over: the line is cleared. */
void cli_progress_end(cli_progress *p);
/* cli_progress_step as a bc_progress's fn (arg: the cli_progress). */
void cli_progress_cb(void *arg, size_t done, size_t total);

/* The line for done of total after elapsed seconds, into buf[n]:
 * "3/20 files, 1.5 files/s, about 12 s left", only "3/20 files" while
 * there is no rate to tell yet. */
void cli_progress_line(char *buf, size_t n, cli_progress_kind kind,
		       size_t done, size_t total, double elapsed);
/* A duration as "12 s", "3 min 05 s", "2 h 10 min". */
void cli_progress_duration(char *buf, size_t n, double secs);

#endif
