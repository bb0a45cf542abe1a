package aftershock.report;

/** Escaping for everything the HTML reports print: text and double-quoted attribute values. */
public final class Html {

    private Html() {
    }

    /**
     * Escapes {@code &}, {@code <}, {@code >}, {@code "} and {@code '}; null prints as nothing. Every other character
     * stays as it is (the pages are UTF-8), so the result is also valid in the inline SVG, where HTML's named
     * entities are not.
     */
    public static String text(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** The stylesheet shared by index.html and compare.html. */
    public static final String STYLE = """
            body{font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#24292f;margin:24px auto;max-width:1000px;padding:0 16px}
            h1{font-size:22px}h2{font-size:18px;margin-top:36px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
            table{border-collapse:collapse;margin:10px 0;width:100%}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .PASS{background:#dafbe1;color:#116329;font-weight:600}.WARN{background:#fff8c5;color:#7d4e00;font-weight:600}
            .FAIL{background:#ffebe9;color:#a40e26;font-weight:600}.regression{background:#ffebe9;color:#a40e26;font-weight:600}
            .badge{padding:2px 8px;border-radius:10px;display:inline-block}
            svg.timeline{width:100%;height:auto;border:1px solid #d0d7de;margin:8px 0}
            .muted{color:#57606a}pre{background:#f6f8fa;padding:8px;overflow:auto;font-size:12px}
            """;
}
