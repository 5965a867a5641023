"""Sweep of dose and bag combinations: how many displayed pump rates differ from the exact
rate rounded once to the pump's 0.1 mL/h — the old double rounding (total first rounded to
0.1 mg, rate computed from it and rounded again) against monitor.pump today.

    PYTHONPATH=. python bench/rate_sweep.py
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from monitor.protocol import plan_dose
from monitor.pump import plan_pump

TENTH = Decimal("0.1")


def once(x: Decimal) -> Decimal:
    return x.quantize(TENTH, ROUND_HALF_UP)


def main() -> None:
    weights = [Decimal(30) + Decimal("0.5") * i for i in range(441)]  # 30–250 kg
    doses = [Decimal("0.1") + Decimal("0.05") * i for i in range(19)]  # 0.1–1.0 mg/kg
    minutes = (40, 45, 50, 55, 60)
    concentrations = [Decimal(c) for c in ("0.5", "1", "2", "5", "10")]
    total = old_wrong = new_wrong = 0
    worst_old = worst_new = Decimal(0)
    for w in weights:
        for d in doses:
            for m in minutes:
                dose = plan_dose("ketamine", float(w), float(d), m)
                for c in concentrations:
                    exact = w * d * 60 / (c * m)
                    right = once(exact)
                    old = once(once(w * d) * 60 / (c * m))
                    new = Decimal(str(plan_pump(dose, float(c), 10_000).rate_ml_h))
                    total += 1
                    old_wrong += old != right
                    new_wrong += new != right
                    worst_old = max(worst_old, abs(old - exact))
                    worst_new = max(worst_new, abs(new - exact))
    print(f"combinations: {total}")
    print(f"double rounding: {old_wrong} differ ({old_wrong / total:.1%}), "
          f"largest distance from the exact rate {worst_old:.4f} mL/h")
    print(f"monitor.pump now: {new_wrong} differ ({new_wrong / total:.1%}), "
          f"largest distance from the exact rate {worst_new:.4f} mL/h")


if __name__ == "__main__":
    main()
