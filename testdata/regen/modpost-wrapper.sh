#!/bin/bash
# Stand-in for scripts/mod/modpost, passed to kbuild as MODPOST=<this file>.
# Records how kbuild ran the real modpost, then behaves exactly like it:
#   $PYMODPOST_RECORD_DIR/modpost.argv    real modpost path, then one argument per line
#   $PYMODPOST_RECORD_DIR/modpost.cwd     the directory modpost ran in (6.1, 6.12: the kernel
#                                         build tree; 7.3: the external module's directory)
#   $PYMODPOST_RECORD_DIR/modpost.stdin   the object list kbuild piped in ("-T -", 6.1); empty
#                                         when kbuild passes the list as a file (6.2+: -T modules.order)
#   $PYMODPOST_RECORD_DIR/modpost.stderr  everything modpost wrote to stderr
#   $PYMODPOST_RECORD_DIR/modpost.status  its exit status
# The real binary is $PYMODPOST_REAL_MODPOST (default: scripts/mod/modpost of the cwd).
set -u
real="${PYMODPOST_REAL_MODPOST:-$PWD/scripts/mod/modpost}"
rec="${PYMODPOST_RECORD_DIR:?PYMODPOST_RECORD_DIR must name the folder for the records}"
{ printf '%s\n' "$real"; printf '%s\n' "$@"; } > "$rec/modpost.argv"
printf '%s\n' "$PWD" > "$rec/modpost.cwd"
prev=""
reads_stdin=0
for arg in "$@"; do
  [ "$prev" = "-T" ] && [ "$arg" = "-" ] && reads_stdin=1
  prev="$arg"
done
if [ "$reads_stdin" = 1 ]; then cat > "$rec/modpost.stdin"; else : > "$rec/modpost.stdin"; fi
"$real" "$@" < "$rec/modpost.stdin" 2> "$rec/modpost.stderr"
status=$?
printf '%s\n' "$status" > "$rec/modpost.status"
cat "$rec/modpost.stderr" >&2
exit "$status"
