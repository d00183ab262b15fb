"""A server-rendered SVG line chart of plan progress per year (no script, no CDN)."""

from decimal import Decimal

from core.thai import be_year

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 28, 40
# The points sit this far inside the axes, so their labels never run into the axis labels.
INSET = 44


def progress_chart(points, *, thai=True, threshold=50) -> dict:
    """Geometry for ``monitoring/_chart.html``: points [{"year", "percent"}] with percent 0..100."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    inner_w = plot_w - 2 * INSET
    n = len(points)
    step = inner_w / max(n - 1, 1)

    def y(percent):
        return TOP + plot_h * (1 - float(percent) / 100)

    marks = []
    for i, p in enumerate(points):
        x = LEFT + (INSET + i * step if n > 1 else plot_w / 2)
        percent = p["percent"]
        marks.append(
            {
                "x": round(x, 1),
                "y": round(y(percent), 1) if percent is not None else None,
                "percent": percent,
                "year": be_year(p["year"]) if thai else p["year"],
            }
        )
    line = " ".join(f"{m['x']},{m['y']}" for m in marks if m["y"] is not None)
    grid = [{"y": round(y(v), 1), "label": v} for v in (0, 25, 50, 75, 100)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "marks": marks,
        "line": line,
        "grid": grid,
        "label_y": HEIGHT - BOTTOM + 22,
        "threshold": {"y": round(y(threshold), 1), "label": threshold},
    }


def as_number(value) -> str:
    """4.5000 -> 4.5, 185000.0000 -> 185,000 (stored with four places; shown with thousands separators)."""
    if value is None:
        return ""
    d = Decimal(value).normalize()
    return f"{d:,f}"
