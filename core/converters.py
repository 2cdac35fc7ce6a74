"""The `<id:...>` URL converter: a database id, at most 18 digits. Django's `<int:...>` accepts any
length, and a number past the 64-bit range reaches the database as an error (a 500) instead of a 404;
18 digits always fit a BIGINT, so an oversized id simply matches no URL."""


class DatabaseIdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(value)
