package org.csc.cubes.quality;

import java.util.List;
import java.util.Locale;

/** A small inline SVG line chart (no scripts, no network): the report must open anywhere, offline. */
public final class TrendChart {
    public record Point(String label, double value) {}

    private TrendChart() {}

    public static String svg(String title, List<Point> points, double min, double max, String unit) {
        int w = 640, h = 220, left = 48, right = 16, top = 28, bottom = 40;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", w, h, w, h));
        sb.append("<title>").append(escape(title)).append("</title>");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>", left, escape(title)));
        double span = max - min == 0 ? 1 : max - min;
        int plotW = w - left - right, plotH = h - top - bottom;
        for (int i = 0; i <= 4; i++) {
            double v = min + span * i / 4;
            double y = top + plotH - plotH * i / 4.0;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", left, y, w - right, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s%s</text>", left - 4, y + 3, fmt(v), escape(unit)));
        }
        if (points.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">no data</text>", left + 10, top + plotH / 2));
        } else {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                double x = left + (points.size() == 1 ? plotW / 2.0 : plotW * i / (double) (points.size() - 1));
                double y = top + plotH - plotH * (Math.max(min, Math.min(max, p.value())) - min) / span;
                path.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1d70b8\"><title>%s: %s%s</title></circle>",
                        x, y, escape(p.label()), fmt(p.value()), escape(unit)));
                if (points.size() <= 13 || i % Math.ceil(points.size() / 12.0) == 0) {
                    sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>", x, h - bottom + 16, escape(p.label())));
                }
            }
            sb.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"2\"/>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
