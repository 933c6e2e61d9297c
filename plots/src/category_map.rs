//! Phase diagram of the modal (most frequent) outcome in each cell of a
//! two-parameter sweep, with a discrete legend and optional modal-share
//! annotations.

use plotters::prelude::*;
use serde::{Deserialize, Serialize};

use crate::frame::{self, page, Area, Drawn};
use crate::grid::{self, Sweep};
use crate::legend::{self, Item, Swatch};
use crate::number;
use crate::theme;

/// A category map: `cells[row][col]` names the modal class of each cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryMap {
    /// Chart title.
    pub title: String,
    /// Optional second line.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// X axis label with unit (first swept parameter).
    pub x_label: String,
    /// Y axis label with unit (second swept parameter).
    pub y_label: String,
    /// Swept values along x, one per column (drawn evenly spaced).
    pub x_values: Vec<f64>,
    /// Swept values along y, one per row, bottom to top.
    pub y_values: Vec<f64>,
    /// The classes (outcomes) shown in the legend, in legend order.
    pub classes: Vec<MapClass>,
    /// `cells[j][i]`: index into `classes` for the cell at `y_values[j]`,
    /// `x_values[i]`; `None` or an out-of-range index is drawn as "no data".
    pub cells: Vec<Vec<Option<usize>>>,
    /// Optional share of runs with the modal outcome per cell (same shape
    /// as `cells`), written in the cell as a percentage when it fits.
    #[serde(default)]
    pub shares: Option<Vec<Vec<f64>>>,
}

/// One class (outcome) of a [`CategoryMap`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapClass {
    /// Legend label.
    pub label: String,
    /// Palette index; `None` uses the class's position.
    #[serde(default)]
    pub colour: Option<usize>,
}

pub(crate) fn draw<DB: DrawingBackend>(m: &CategoryMap, root: &Area<DB>) -> Drawn
where
    DB::ErrorType: 'static,
{
    let area = page(root, &m.title, m.subtitle.as_deref())?;
    let (nx, ny) = (m.x_values.len(), m.y_values.len());
    let class = |i: usize, j: usize| {
        m.cells
            .get(j)
            .and_then(|r| r.get(i))
            .copied()
            .flatten()
            .filter(|k| *k < m.classes.len())
    };
    let any = (0..ny).any(|j| (0..nx).any(|i| class(i, j).is_some()));
    if !any {
        return frame::no_data(&area, "no cell has a modal outcome");
    }
    let colours: Vec<RGBColor> = m
        .classes
        .iter()
        .enumerate()
        .map(|(k, c)| theme::pick(c.colour, k))
        .collect();
    let mut items: Vec<Item> = m
        .classes
        .iter()
        .zip(&colours)
        .map(|(c, col)| Item::new(c.label.clone(), Swatch::Fill(*col)))
        .collect();
    if (0..ny).any(|j| (0..nx).any(|i| class(i, j).is_none())) {
        items.push(Item::new("no data", Swatch::Fill(theme::MISSING)));
    }
    let heading = Some("Modal outcome");
    let (plot_area, panel) = legend::split(&area, heading, &items);
    let sweep = Sweep {
        x_values: &m.x_values,
        y_values: &m.y_values,
        x_label: &m.x_label,
        y_label: &m.y_label,
    };
    let mut c = grid::axes(root, &plot_area, &sweep, 10)?;
    let show = m.shares.is_some() && grid::roomy(&c, nx, ny);
    for j in 0..ny {
        for i in 0..nx {
            let fill = class(i, j).map_or(theme::MISSING, |k| colours[k]);
            grid::fill(&mut c, i, j, fill)?;
            let share = m
                .shares
                .as_ref()
                .and_then(|s| s.get(j))
                .and_then(|r| r.get(i))
                .copied()
                .filter(|v| v.is_finite());
            if let (true, Some(_), Some(v)) = (show, class(i, j), share) {
                grid::annotate(root, &c, i, j, number::pct(v), fill)?;
            }
        }
    }
    grid::outline(root, &c)?;
    if let Some(panel) = panel {
        let (_, top, _, _) = frame::plot_box(&c);
        let panel_top = panel.get_base_pixel().1;
        legend::draw(&panel, top - panel_top, heading, &items)?;
        if show {
            legend::note(
                &panel,
                top - panel_top,
                items.len() + 1,
                "Cell text: share of runs ending in the modal outcome.",
            )?;
        }
    }
    Ok(())
}
