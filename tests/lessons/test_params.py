"""Parameters every lesson must keep so the lesson view's editors can show them."""

from studio.core.lesson import catalog

INT32 = 2**31 - 1  # QSpinBox holds a signed 32-bit int
SMALLEST_FLOAT = 1e-6  # QDoubleSpinBox shows at most 6 decimals


def test_defaults_resolve_and_bounds_fit_the_editors():
    for lesson in catalog():
        assert lesson.resolve_params({}) == lesson.defaults(), lesson.id
        for p in lesson.params:
            if p.kind == "int":
                assert -INT32 <= (p.min or 0) and (p.max or 0) <= INT32, (lesson.id, p.name)
            if p.kind == "float" and p.min:
                assert p.min >= SMALLEST_FLOAT, (lesson.id, p.name)
                assert p.default >= SMALLEST_FLOAT, (lesson.id, p.name)


def test_every_seed_is_the_one_shared_parameter_with_its_lesson_default():
    """One seed parameter (studio.lessons._common.param_seed), each lesson keeping its default."""
    from studio.lessons._common import param_seed

    seeded = {lesson.id: lesson.param("seed") for lesson in catalog() if "seed" in lesson.defaults()}
    assert len(seeded) >= 20
    for lesson_id, p in seeded.items():
        assert p == param_seed(p.default), lesson_id
    assert seeded["torch.linear_regression"].default == 1  # the article's 100 epochs reach loss < 0.01
    assert {p.default for i, p in seeded.items() if i != "torch.linear_regression"} == {0}
