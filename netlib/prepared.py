"""Make the report's content while its kernel starts.

``netlib report`` runs the report notebook with papermill. Started plainly, the kernel
would boot (a second or so), import pandas, then analyse the store, make the charts, the
map and the tables, one step after another on one core, while ``netlib report`` itself
waits. On a machine with two cores that is half the machine idle for most of the run.

So :func:`netlib.report.runner.run_report` starts, with the kernel, a :class:`Preparer`: a
forked child process of ``netlib report`` (a thread where forking is not safe) that
analyses the store and makes every section and file of the report notebook
(:meth:`MonthlyReport.prepared <netlib.report.content.MonthlyReport.prepared>`: text only), and
pickles that into a private folder whose path the kernel gets in ``NETLIB_PREPARED``. In
the kernel, ``MonthlyReport.load`` calls :func:`take`: it waits for that file, checks that
it was made for the same store, month and options, and returns it; every cell after that
only shows a section already made. The kernel imports neither pandas nor the rest of
netlib: on two cores, every CPU-second it does not spend is one the preparer gets. And two
parts of the analysis that need only the store are made beside the rest: as the analysis
starts, the child forks a process (a grandchild) that makes the weave (who knows whom:
clusters, brokers; the analysis takes it when it gets there) and then the 12-month
history, while the child goes on with rings, health, checklists, the map and the tables.

Nothing else changes: the notebook is the same, plain ``papermill`` (no variable) analyses
in the kernel as before, and if the preparer fails for any reason (a bad month, a missing
store) it leaves a ``failed`` mark and the kernel does the work itself, so errors surface
in the notebook cell that caused them, as they always did. The folder is owner-only
(``mkdtemp``, inside the report's own private folder) and removed when the run ends; only
the kernel started for this run is told its path, and it takes the report only from a
folder of its user's that nobody else can enter.
"""

from __future__ import annotations

import fcntl
import gc
import os
import pickle
import shutil
import signal
import stat
import tempfile
import threading
import time
import warnings
from pathlib import Path

from netlib.paths import write_private

__all__ = ["ENV", "Preparer", "take"]

#: How a prepared report's folder is named: this prefix and a random part.
PREFIX = ".netlib-prepared-"
#: Locked (flock) while the run that made the folder lasts.
LOCK = ".lock"
#: The environment variable naming the folder of a prepared report (set for the kernel only).
ENV = "NETLIB_PREPARED"
#: The prepared report, written whole (``os.replace``) when made.
FILE = "report.pickle"
#: Written when the preparer could not make the report: the kernel makes it itself.
FAILED = "failed"
#: The sections that need the history (made beside the analysis): made once it is there.
HISTORY_SECTIONS = ("numbers_table", "trends")


class Preparer:
    """Makes a report beside the kernel; see the module docstring.

    ``key`` is :func:`netlib.report.content.load_key` of the notebook's parameters (the kernel's
    ``load`` must ask for exactly that report to take it); ``max_people`` the rows per table.

    Where it can, the work runs in a forked child process: a thread would share this
    process's interpreter lock with papermill, which imports and starts the kernel at the
    same time (a quarter longer to make the report at 30,000 people). A fork copies the
    loaded modules, so the child starts at once; it only reads the store and writes into
    the folder, then ends with ``os._exit`` (nothing of this process runs twice). It leads
    a process group of its own, with the process it forks beside it (see the module), so
    that :meth:`close` stops both at once. Forking is safe only without other threads, so
    with any (a notebook, a test runner) or without ``os.fork`` it is a thread. (numpy's
    OpenBLAS threads, which Python 3.12+ counts in its fork warning, are idle and re-made
    by OpenBLAS after a fork.)
    """

    def __init__(self, key: tuple, max_people: int = 15, *, within=None):
        self.key, self.max_people = key, max_people
        # owner-only (mkdtemp); inside the report's own private folder when given, so that
        # nothing private is left in the shared temp folder should this process be killed;
        # named by this process, so that the next run there removes it if it was
        if within is not None:
            _sweep(Path(within))
        self.folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=within))
        # held while the run lasts (and by the processes it forks): a folder whose lock nobody
        # holds is one a killed run left, whatever became of its pid
        self._lock = os.open(self.folder / f"{LOCK}.new", os.O_WRONLY | os.O_CREAT, 0o600)
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        os.rename(self.folder / f"{LOCK}.new", self.folder / LOCK)  # seen by others only once locked
        self.error: BaseException | None = None
        self.pid: int | None = None  # the child's, when forked
        self._parent: int | None = None  # in the child (and beside it): the process it was forked from
        self._beside: _Beside | None = None  # in the child: the process beside it
        self._thread = threading.Thread(target=self._run, name="netlib-prepare", daemon=True)

    def env(self) -> dict[str, str]:
        """The kernel's environment: this process's, plus where the report will be."""
        return {**kernel_env(), ENV: str(self.folder)}

    def start(self, *, fork: bool = True) -> "Preparer":
        if fork and hasattr(os, "fork") and threading.active_count() == 1:
            self._fork()
        if self.pid is not None:
            self._thread = threading.Thread(target=self._reap, name="netlib-prepare", daemon=True)
        self._thread.start()
        return self

    def _fork(self) -> None:
        """Fork the child that makes the report (``pid``; stays None if the system refuses:
        then a thread). Ctrl-C is held back across the fork, so the child never runs this
        process's code and this process knows the child's pid before Ctrl-C can stop it."""
        parent = os.getpid()
        held = {signal.SIGINT, signal.SIGTERM}
        was = signal.pthread_sigmask(signal.SIG_BLOCK, held)
        try:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)  # see the class docstring
                    pid = os.fork()
            except OSError:
                return
            if pid == 0:
                try:  # the child: make the report, and end without running anything else
                    _own_group(0)
                    self._parent = parent
                    gc.disable()  # a short life: no collections needed
                    # in its own process group, Ctrl-C reaches it through close()
                    signal.signal(signal.SIGINT, signal.SIG_DFL)
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
                    self._run()
                finally:
                    os._exit(0)
            self.pid = pid
            _own_group(pid)  # the child leads a process group: close() stops it and the process beside it
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, was)

    def _reap(self) -> None:
        """Wait for the child; if it left no report (killed, crashed), say it failed."""
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass  # close() has waited for it: Ctrl-C came as this thread was starting
        if not (self.folder / FILE).exists():
            self.error = RuntimeError("the preparing process ended without a report")
            _touch(self.folder / FAILED)

    def _run(self) -> None:
        from netlib.report.content import MonthlyReport

        try:
            store, month, owner, redact, keep = self.key
            report = MonthlyReport.load(store, month, owner=owner, redact=redact, keep_companies=keep,
                                        _prepared=False, _beside=self._fork_beside)
            if self._beside is not None:
                report.prepare(self.max_people, skip=HISTORY_SECTIONS)
                report._history = self._beside.get("history")  # None: the report makes it itself
            self._write(FILE, report.prepared(self.max_people))
        except BaseException as err:  # noqa: BLE001 - the kernel redoes the work and reports the error itself
            self.error = err
            _touch(self.folder / FAILED)

    def wait(self) -> "Preparer":
        """Wait until the report is made (or has failed: see ``error``)."""
        self._thread.join()
        return self

    def _fork_beside(self, snapshot, cut, day, contacts_rows):
        """In a forked child, as the analysis starts: fork a process that makes, beside it,
        the weave (:func:`netlib.garden.analysis.weave_of`) and then the 12-month history, and sends
        both back over a pipe (nothing on disk); returns what gives the analysis that weave
        (see :func:`netlib.garden.analysis.analyse`). In a thread, or if the fork fails, None: the
        report makes both in turn."""
        if self._parent is None:
            return None
        read, write = os.pipe()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # numpy's idle threads: see the class
                pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return None
        if pid:
            os.close(write)
            self._beside = _Beside(pid, read)
            return lambda: self._beside.get("weave")
        try:  # beside the child (in its process group); ends when done, or when nobody reads
            from netlib.garden.analysis import weave_of
            from netlib.garden import history

            os.close(read)
            with os.fdopen(write, "wb") as out:
                for made in (lambda: weave_of(cut),
                             lambda: history(snapshot, f"{day:%Y-%m}", as_of=day, contacts_rows=contacts_rows)):
                    pickle.dump(made(), out, protocol=pickle.HIGHEST_PROTOCOL)
                    out.flush()
        finally:
            os._exit(0)

    def _write(self, name: str, value) -> None:
        if self._parent is not None and os.getppid() != self._parent:
            os._exit(0)  # the report run has ended (killed): write nothing private anywhere
        write_private(self.folder / name, pickle.dumps((self.key, value), protocol=pickle.HIGHEST_PROTOCOL))

    def close(self, wait: bool = True) -> None:
        """Remove the folder, once the work is done; ``wait=False`` (the notebook has run,
        or failed: the report is no longer wanted) stops a child at once, and leaves a
        thread to finish in the background, where whatever it still writes fails quietly."""
        if not wait and self.pid is not None:
            try:  # the child's process group: the child and the process beside it
                os.killpg(self.pid, signal.SIGKILL)
            except OSError:
                pass
            wait = True  # the reaper returns at once now
        if wait:
            if self._thread.ident is not None:
                self.wait()
            elif self.pid is not None:  # stopped (Ctrl-C) between the fork and the reaper's start
                try:
                    os.waitpid(self.pid, 0)
                except ChildProcessError:
                    pass
        shutil.rmtree(self.folder, ignore_errors=True)
        try:
            os.close(self._lock)
        except OSError:
            pass


class _Beside:
    """The child's end of the process beside it: a thread reads, as they arrive, the weave
    and then the history it sends (pickled, over a pipe), and waits for it to end."""

    NAMES = ("weave", "history")

    def __init__(self, pid: int, fd: int):
        self.pid, self._made = pid, {}
        self._ready = {name: threading.Event() for name in self.NAMES}
        threading.Thread(target=self._read, args=(fd,), name="netlib-beside", daemon=True).start()

    def _read(self, fd: int) -> None:
        try:
            with os.fdopen(fd, "rb") as pipe:
                for name in self.NAMES:
                    self._made[name] = pickle.load(pipe)
                    self._ready[name].set()
        except Exception:  # noqa: BLE001 - it ended early: the child makes the rest itself
            pass
        finally:
            for ready in self._ready.values():
                ready.set()
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass

    def get(self, name: str):
        """``name`` as the process beside made it, once it is here; None if it never will be."""
        self._ready[name].wait()
        return self._made.get(name)


def _own_group(pid: int) -> None:
    """Make ``pid`` (0: this process) lead a process group of its own. Called on both sides
    of the fork, so that it holds whichever runs first."""
    try:
        os.setpgid(pid, 0)
    except OSError:
        pass  # the child has already done it, or has ended


def _sweep(within: Path) -> None:
    """Remove the folders that runs killed before they could (``kill -9``) left in ``within``:
    ours, and locked by no process any more."""
    try:
        entries = [e for e in within.glob(f"{PREFIX}*") if _trusted(e)]
    except OSError:
        return
    for entry in entries:
        try:
            fd = os.open(entry / LOCK, os.O_RDONLY)
        except OSError:
            continue  # not (yet) one with a lock: leave it
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a run holds it
        finally:
            os.close(fd)
        shutil.rmtree(entry, ignore_errors=True)


def _touch(path: Path) -> None:
    try:
        path.touch()
    except OSError:
        pass


def _read(path: Path, key: tuple):
    """The value pickled at ``path`` for ``key``, or None (another key, or unreadable)."""
    try:
        with open(path, "rb") as fh:
            made_for, value = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return value if made_for == key else None


def kernel_env() -> dict[str, str]:
    """This process's environment without a prepared report's folder (never passed on)."""
    return {k: v for k, v in os.environ.items() if k != ENV}


def _trusted(folder: Path) -> bool:
    """A real folder (not a link) of this user's, that only this user can enter."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) == 0o700


def take(key: tuple, *, timeout: float | None = None):
    """The report prepared for this kernel (a :class:`~netlib.report.content.PreparedReport`), if
    ``NETLIB_PREPARED`` names one made for ``key``; else ``None`` (the caller analyses the
    store itself).

    Waits while the report is being made (the preparer started with the kernel) and stops
    as soon as the preparer has failed or its folder is gone (``netlib report`` removes it
    when the run ends; the cell's own time limit still applies); ``timeout`` seconds at most
    if given. The folder is taken once (the variable is removed) and only if it is this
    user's own.
    """
    folder = os.environ.get(ENV)
    if not folder or not _trusted(Path(folder)):
        return None
    folder = Path(folder)
    path, failed = folder / FILE, folder / FAILED
    deadline = None if timeout is None else time.monotonic() + timeout
    while not path.exists():
        if failed.exists() or not folder.is_dir() or (deadline is not None and time.monotonic() > deadline):
            return None
        time.sleep(0.005)
    report = _read(path, key)
    if report is not None:
        os.environ.pop(ENV, None)  # taken: nothing started from this kernel inherits it
    return report
