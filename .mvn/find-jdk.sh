# Sourced by ./mvnw and .ci/run. Exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: JAVA_HOME if it is already 21+, then the `java` on PATH, then the usual install folders.
# POSIX sh on purpose: mvnw is a POSIX script.

_sd_major() {
  # prints the major version of the JDK at $1 (a JAVA_HOME), or nothing
  [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

_sd_ok() {
  _v=$(_sd_major "$1")
  [ -n "$_v" ] && [ "$_v" -ge 21 ]
}

_sd_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && _sd_ok "$JAVA_HOME"; then return 0; fi
  if command -v java >/dev/null 2>&1; then
    _home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n 1)
    if [ -n "$_home" ] && _sd_ok "$_home"; then JAVA_HOME=$_home; export JAVA_HOME; return 0; fi
  fi
  # Newest first, so a machine with several JDKs builds with the most recent one.
  # mvnw runs with `set -f`; globbing is needed here only.
  case $- in *f*) set +f; _sd_reglob=1 ;; *) _sd_reglob= ;; esac
  for _dir in $(ls -d /usr/lib/jvm/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home \
                  "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* 2>/dev/null | sort -rV); do
    if _sd_ok "$_dir"; then JAVA_HOME=$_dir; export JAVA_HOME; [ -z "$_sd_reglob" ] || set -f; return 0; fi
  done
  [ -z "$_sd_reglob" ] || set -f
  echo "Support Desk needs a JDK 21 or newer and found none." >&2
  echo "Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
  return 1
}

# `return` when sourced (an interactive shell must not close), `exit` otherwise.
_sd_find_jdk || { return 1 2>/dev/null || exit 1; }
