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
