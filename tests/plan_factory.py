"""Plans of any size for tests and tests/benchmarks/bench_big_plan.py (tests/ is on sys.path in pytest)."""

from __future__ import annotations


def big_plan_text(items: int, per_topic: int = 100, topics_per_phase: int = 100) -> str:
    """A valid plan of `items` items: every tenth links a lesson, every seventh needs 2 GB of RAM."""
    out = ['id = "big"', 'title = { en = "Big plan", zh = "大计划" }']
    n = phase = 0
    while n < items:
        out += ["[[phases]]", f'id = "p{phase}"', f'title = {{ en = "Phase {phase}", zh = "阶段{phase}" }}',
                "months = [1, 2]", 'hardware = "pc"']
        for topic in range(topics_per_phase):
            if n >= items:
                break
            out += ["[[phases.topics]]", f'id = "t{topic}"', f'title = {{ en = "Topic {topic}", zh = "主题{topic}" }}']
            for _ in range(min(per_topic, items - n)):
                kind = 'kind = "lesson"\nlesson = "torch.linear_regression"' if n % 10 == 0 else 'kind = "reading"'
                needs = "\nneeds = { ram_gb = 2 }" if n % 7 == 0 else ""
                out += ["[[phases.topics.items]]", f'id = "i{n}"', kind,
                        f'title = {{ en = "Item {n}", zh = "条目{n}" }}',
                        f'body = {{ en = "What item {n} is about.", zh = "条目{n}的内容。" }}', "hours = 1" + needs]
                n += 1
        phase += 1
    return "\n".join(out) + "\n"
