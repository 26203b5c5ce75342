import gc
import threading

from studio.ui import gc_guard


def test_collection_runs_on_the_gui_thread_only(qapp, qtbot):
    collector = gc_guard.install(qapp)
    assert gc_guard.install(qapp) is collector  # once per application
    assert not gc.isenabled()

    seen = []

    def on_gc(phase, info):
        if phase == "start":
            seen.append(threading.current_thread() is threading.main_thread())

    class Cycle:
        def __init__(self):
            self.me = self

    gc.callbacks.append(on_gc)
    try:
        worker = threading.Thread(target=lambda: [Cycle() for _ in range(50_000)])
        worker.start()
        worker.join()
        assert seen == []  # allocation in a worker did not trigger a collection there
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        assert all(seen)
    finally:
        gc.callbacks.remove(on_gc)
