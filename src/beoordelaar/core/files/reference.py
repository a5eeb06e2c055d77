"""Reference lists shipped as data in resources/reference (they change per release; the code does not)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from beoordelaar.core.errors import UserError
from beoordelaar.core.paths import resources_dir

CATEGORIES_FILE = "ijw-productcategorieen.toml"


@dataclass(frozen=True)
class ProductCategories:
    current: dict[str, str]
    historic: dict[str, str]


@cache
def product_categories() -> ProductCategories:
    """The iJw product categories (code -> name), current and historic."""
    path = resources_dir() / "reference" / CATEGORIES_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"De lijst van iJw-productcategorieën ({path}) kan niet worden gelezen: {exc}.") from exc
    return ProductCategories(
        {str(k): str(v) for k, v in data.get("categories", {}).items()},
        {str(k): str(v) for k, v in data.get("historic", {}).items()},
    )
