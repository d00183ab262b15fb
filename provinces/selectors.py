from core.collation import sorted_by_name

from .models import Province


def provinces_in_order() -> list:
    """All provinces in the reader's dictionary order (Thai: ก…ฮ with เ แ โ ใ ไ in place)."""
    return sorted_by_name(Province.objects.only("code", "name_th", "name_en"))
