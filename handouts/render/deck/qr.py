"""The QR code on the closing slide, as PNG bytes: made locally by the `qrcode` package, no network."""

from __future__ import annotations

import io


def qr_png(data: str) -> bytes:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=10, border=4)  # 4: the quiet zone
    code.add_data(data)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(out, format="PNG")
    return out.getvalue()
