//! Small server-rendered SVG charts (no JavaScript): monthly bars and lines on a labelled axis,
//! shared by the SKM trend, the service-time trend and the leaders' dashboard. The geometry is
//! computed here; `components/grafik.html` only writes it out (askama escapes every label).

use askama::Template;
use bangkom_core::skm::{Preset, rentang};

/// Width and height of the view box; the plot area is x 40..590, y 10..190.
const X0: f64 = 40.0;
const X1: f64 = 590.0;
const Y0: f64 = 10.0;
const Y1: f64 = 190.0;

/// The calendar months overlapping `from..=to` (at most `max`), each clipped to the range, with
/// an `MM/YY` label.
pub fn bulan(
    from: time::Date,
    to: time::Date,
    max: usize,
) -> Vec<(time::Date, time::Date, String)> {
    let mut months = Vec::new();
    let (mut y, mut m) = (from.year(), u8::from(from.month()));
    while months.len() < max {
        let (a, b) = rentang(Preset::Bulan(y, m));
        if a > to {
            break;
        }
        months.push((
            a.max(from),
            b.min(to),
            format!("{:02}/{:02}", m, y.rem_euclid(100)),
        ));
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    months
}

/// The step of a trend chart (issue 3 §6: trends per month, quarter or semester).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Langkah {
    /// Calendar months (`MM/YY`).
    Bulan,
    /// Quarters (`T1/25`).
    Triwulan,
    /// Semesters (`S1/25`).
    Semester,
}

impl Langkah {
    /// From a query value: `triwulan`, `semester`, anything else is monthly.
    pub fn parse(s: &str) -> Langkah {
        match s.trim() {
            "triwulan" => Langkah::Triwulan,
            "semester" => Langkah::Semester,
            _ => Langkah::Bulan,
        }
    }

    /// The query value, also the noun of titles ("per triwulan").
    pub fn code(self) -> &'static str {
        match self {
            Langkah::Bulan => "bulan",
            Langkah::Triwulan => "triwulan",
            Langkah::Semester => "semester",
        }
    }
}

/// The periods of `step` overlapping `from..=to` (at most `max`), each clipped to the range and
/// labelled; months as [`bulan`].
pub fn langkah(
    from: time::Date,
    to: time::Date,
    step: Langkah,
    max: usize,
) -> Vec<(time::Date, time::Date, String)> {
    let (per, huruf) = match step {
        Langkah::Bulan => return bulan(from, to, max),
        Langkah::Triwulan => (3u8, 'T'),
        Langkah::Semester => (6u8, 'S'),
    };
    let mut out = Vec::new();
    let mut y = from.year();
    let mut k = (u8::from(from.month()) - 1) / per + 1;
    let last = 12 / per;
    while out.len() < max {
        let preset = if per == 3 {
            Preset::Triwulan(y, k)
        } else {
            Preset::Semester(y, k)
        };
        let (a, b) = rentang(preset);
        if a > to {
            break;
        }
        out.push((
            a.max(from),
            b.min(to),
            format!("{huruf}{k}/{:02}", y.rem_euclid(100)),
        ));
        if k == last {
            y += 1;
            k = 1;
        } else {
            k += 1;
        }
    }
    out
}

/// One data series: a value (or a gap) per slot.
#[derive(Debug, Clone)]
pub struct Seri {
    /// Legend text.
    pub nama: String,
    /// Fill or stroke colour.
    pub warna: &'static str,
    /// Bars (true) or a line with dots (false).
    pub batang: bool,
    /// One value per slot; None is drawn as nothing (never as 0).
    pub nilai: Vec<Option<f64>>,
}

/// What to draw.
#[derive(Debug, Clone)]
pub struct Grafik {
    /// Element id.
    pub id: &'static str,
    /// Accessible description.
    pub judul: String,
    /// Slot labels (x axis).
    pub label: Vec<String>,
    /// Bottom of the y axis.
    pub y_min: f64,
    /// Top of the y axis.
    pub y_max: f64,
    /// Series.
    pub seri: Vec<Seri>,
    /// A dashed reference line with its label (a standard, a quality band).
    pub acuan: Option<(f64, String)>,
}

struct Rect {
    x: String,
    y: String,
    w: String,
    h: String,
    warna: &'static str,
    title: String,
}

struct Dot {
    x: String,
    y: String,
    warna: &'static str,
    title: String,
}

struct Label {
    x: String,
    y: String,
    text: String,
}

/// The SVG, ready to write (`{{ grafik|safe }}` in a page: the component escapes its own text).
#[derive(Template)]
#[template(path = "components/grafik.html")]
pub struct Svg {
    id: &'static str,
    judul: String,
    ticks: Vec<Label>,
    acuan: Option<(String, Label)>,
    rects: Vec<Rect>,
    lines: Vec<(String, &'static str)>,
    dots: Vec<Dot>,
    xlabels: Vec<Label>,
    legend: Vec<(Label, &'static str)>,
}

fn num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A "nice" axis top at or above `v` (1, 2 or 5 times a power of ten), at least 1.
pub fn atas(v: f64) -> f64 {
    if !(v.is_finite() && v > 1.0) {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|c| *c >= v)
        .unwrap_or(10.0 * p)
}

impl Grafik {
    fn y(&self, v: f64) -> f64 {
        let span = (self.y_max - self.y_min).max(f64::EPSILON);
        let t = ((v - self.y_min) / span).clamp(0.0, 1.0);
        Y1 - t * (Y1 - Y0)
    }

    /// Computes the geometry.
    #[allow(clippy::cast_precision_loss)]
    pub fn svg(&self) -> Svg {
        let n = self.label.len().max(1);
        let slot = (X1 - X0) / n as f64;
        let bars: Vec<&Seri> = self.seri.iter().filter(|s| s.batang).collect();
        let bar_w = slot * 0.7 / bars.len().max(1) as f64;
        let mut rects = Vec::new();
        for (k, s) in bars.iter().enumerate() {
            for (i, v) in s.nilai.iter().enumerate() {
                let Some(v) = v else { continue };
                let top = self.y(*v);
                rects.push(Rect {
                    x: format!(
                        "{:.1}",
                        X0 + i as f64 * slot + slot * 0.15 + k as f64 * bar_w
                    ),
                    y: format!("{top:.1}"),
                    w: format!("{bar_w:.1}"),
                    h: format!("{:.1}", Y1 - top),
                    warna: s.warna,
                    title: format!(
                        "{} {}: {}",
                        s.nama,
                        self.label.get(i).map_or("", |l| l),
                        num(*v)
                    ),
                });
            }
        }
        let mut lines = Vec::new();
        let mut dots = Vec::new();
        for s in self.seri.iter().filter(|s| !s.batang) {
            let mut run: Vec<String> = Vec::new();
            for (i, v) in s.nilai.iter().enumerate() {
                let x = X0 + (i as f64 + 0.5) * slot;
                match v {
                    Some(v) => {
                        let y = self.y(*v);
                        run.push(format!("{x:.1},{y:.1}"));
                        dots.push(Dot {
                            x: format!("{x:.1}"),
                            y: format!("{y:.1}"),
                            warna: s.warna,
                            title: format!(
                                "{} {}: {}",
                                s.nama,
                                self.label.get(i).map_or("", |l| l),
                                num(*v)
                            ),
                        });
                    }
                    None => {
                        if run.len() > 1 {
                            lines.push((run.join(" "), s.warna));
                        }
                        run.clear();
                    }
                }
            }
            if run.len() > 1 {
                lines.push((run.join(" "), s.warna));
            }
        }
        // Every label when they fit, else every k-th.
        let every = n.div_ceil(18).max(1);
        let xlabels = self
            .label
            .iter()
            .enumerate()
            .filter(|(i, _)| i % every == 0)
            .map(|(i, l)| Label {
                x: format!("{:.1}", X0 + i as f64 * slot + slot * 0.15),
                y: "205".into(),
                text: l.clone(),
            })
            .collect();
        let mid = (self.y_min + self.y_max) / 2.0;
        let ticks = [self.y_min, mid, self.y_max]
            .iter()
            .map(|v| Label {
                x: "2".into(),
                y: format!("{:.1}", self.y(*v) + 3.0),
                text: num(*v),
            })
            .collect();
        let acuan = self.acuan.as_ref().map(|(v, l)| {
            let y = self.y(*v);
            (
                format!("{y:.1}"),
                Label {
                    x: format!("{:.1}", X0 + 2.0),
                    y: format!("{:.1}", y - 4.0),
                    text: l.clone(),
                },
            )
        });
        let legend = self
            .seri
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    Label {
                        x: format!("{:.1}", X1 - 150.0 + i as f64 * 75.0),
                        y: "218".into(),
                        text: s.nama.clone(),
                    },
                    s.warna,
                )
            })
            .collect();
        Svg {
            id: self.id,
            judul: self.judul.clone(),
            ticks,
            acuan,
            rects,
            lines,
            dots,
            xlabels,
            legend,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_are_clipped_to_the_range() {
        let m = bulan(date!(2025 - 01 - 15), date!(2025 - 03 - 10), 36);
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].0, date!(2025 - 01 - 15));
        assert_eq!(m[1].1, date!(2025 - 02 - 28));
        assert_eq!(
            m[2],
            (
                date!(2025 - 03 - 01),
                date!(2025 - 03 - 10),
                "03/25".to_string()
            )
        );
        assert_eq!(
            bulan(date!(2024 - 01 - 01), date!(2026 - 12 - 31), 12).len(),
            12
        );
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(atas(37.0), 50.0);
        assert_eq!(atas(120.0), 200.0);
        assert_eq!(atas(0.0), 1.0);
        assert_eq!(atas(10.0), 10.0);
    }

    #[test]
    fn gaps_break_lines_and_are_not_drawn_as_zero() {
        let g = Grafik {
            id: "t",
            judul: "uji".into(),
            label: vec![
                "01/25".into(),
                "02/25".into(),
                "03/25".into(),
                "04/25".into(),
            ],
            y_min: 0.0,
            y_max: 100.0,
            seri: vec![
                Seri {
                    nama: "median".into(),
                    warna: "#000",
                    batang: false,
                    nilai: vec![Some(10.0), Some(20.0), None, Some(40.0)],
                },
                Seri {
                    nama: "n".into(),
                    warna: "#111",
                    batang: true,
                    nilai: vec![Some(50.0), None, None, Some(100.0)],
                },
            ],
            acuan: Some((60.0, "standar".into())),
        };
        let s = g.svg();
        assert_eq!(s.lines.len(), 1, "a single dot after the gap is no line");
        assert_eq!(s.dots.len(), 3);
        assert_eq!(s.rects.len(), 2);
        // 100 on a 0..100 axis reaches the top of the plot; 50 is half way.
        assert_eq!(s.rects[1].y, "10.0");
        assert_eq!(s.rects[0].h, "90.0");
        let html = s.render().unwrap();
        assert!(html.contains("<polyline") && html.contains("standar"));
    }
}
