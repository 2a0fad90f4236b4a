"""Checks satisfiability with z3: its from_string reads SMT-LIB, not a template."""
import z3


def satisfiable(declarations, assertions):
    s = z3.Solver()
    s.from_string("\n".join(declarations))  # ok: SG109
    s.from_string("(assert " + assertions[0] + ")")  # ok: SG109
    return s.check() == z3.sat


def render(env, name):
    return env.from_string("<p>" + name + "</p>")  # want: SG109
