//! Placing one row of a 別添2 table into its columns.
//!
//! The report's text keeps what a row shows but not where: a blank cell prints nothing, so
//! 「○」 under three columns could stand in any of them. A row is placed every way its tokens
//! fit the columns in order; a cell is known when every way agrees on it, and unknown
//! otherwise. Nothing is guessed.

use survey::Tri;

/// One thing a cell prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// ○ (実施中) or △ (実施予定).
    Mark(Tri),
    /// 「-」: a cell the row does not have (login security: no IC card for institutions).
    Dash,
    /// A number with its unit as printed: 「23」, 「18,500 千円」, 「0 円」.
    Amount(String),
    /// 未定 in a fee cell.
    Undecided,
    Text(String),
}

/// What a column can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Mark,
    /// Free text, or a mark: respondents typed 「○」 into その他 too (広島県周産期医療情報
    /// ネットワーク's consent row shows three marks under 地域全体, 施設毎 and その他).
    Text,
    /// Always 「-」, and always printed.
    Dash,
    Amount,
    /// A monthly fee: an amount, or 未定 where the questionnaire offers it.
    Fee {
        undecided: bool,
    },
}

impl Column {
    fn takes(self, token: &Token) -> bool {
        match (self, token) {
            (Column::Mark, Token::Mark(_))
            | (Column::Text, Token::Text(_) | Token::Mark(_))
            | (Column::Dash, Token::Dash)
            | (Column::Amount | Column::Fee { .. }, Token::Amount(_)) => true,
            (Column::Fee { undecided }, Token::Undecided) => undecided,
            _ => false,
        }
    }
}

/// One cell of a placed row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Blank,
    Known(Token),
    /// Something may stand here, but the text does not say what.
    Unknown,
}

/// The cells of a row, or `None` when its tokens fit the columns in no way.
pub fn place(tokens: &[Token], columns: &[Column]) -> Option<Vec<Cell>> {
    let mut cells: Option<Vec<Cell>> = None;
    let mut filled = vec![None; columns.len()];
    each_way(tokens, columns, 0, &mut filled, &mut |way| {
        let way = way.iter().map(|slot| match slot {
            Some(i) => Cell::Known(tokens[*i].clone()),
            None => Cell::Blank,
        });
        match &mut cells {
            None => cells = Some(way.collect()),
            Some(cells) => {
                for (cell, this) in cells.iter_mut().zip(way) {
                    if *cell != this {
                        *cell = Cell::Unknown;
                    }
                }
            }
        }
    });
    cells
}

/// Calls `visit` with every way to put `tokens` into `columns[from..]` in order (column →
/// token index), leaving no 「-」 column empty.
fn each_way(
    tokens: &[Token],
    columns: &[Column],
    from: usize,
    filled: &mut [Option<usize>],
    visit: &mut impl FnMut(&[Option<usize>]),
) {
    let placed = filled.iter().flatten().count();
    let Some(token) = tokens.get(placed) else {
        if !columns[from..].contains(&Column::Dash) {
            visit(filled);
        }
        return;
    };
    for (at, column) in columns.iter().enumerate().skip(from) {
        if column.takes(token) {
            filled[at] = Some(placed);
            each_way(tokens, columns, at + 1, filled, visit);
            filled[at] = None;
        }
        // A dash is never blank: no token may go past it.
        if *column == Column::Dash {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IN_PROGRESS: Token = Token::Mark(Tri::InProgress);
    const PLANNED: Token = Token::Mark(Tri::Planned);

    fn amount(s: &str) -> Token {
        Token::Amount(s.into())
    }

    #[test]
    fn a_full_row_is_known_and_a_short_one_unknown() {
        let counts = [Column::Amount; 5];
        let full: Vec<Token> = ["23", "21", "4", "11", "8"].map(amount).into();
        assert_eq!(
            place(&full, &counts).unwrap(),
            full.iter().cloned().map(Cell::Known).collect::<Vec<_>>()
        );
        // 北見市医療福祉情報連携システム, 実施中: three numbers under five columns.
        let short = ["3", "2", "15"].map(amount);
        assert_eq!(place(&short, &counts).unwrap(), vec![Cell::Unknown; 5]);
        assert_eq!(place(&[], &counts).unwrap(), vec![Cell::Blank; 5]);
        assert_eq!(place(&["1"; 6].map(amount), &counts), None);
    }

    #[test]
    fn text_goes_last_and_fixes_the_marks_before_it() {
        let linkage = [Column::Mark, Column::Mark, Column::Text];
        let other = Token::Text("置賜広域病院組合内のみ集中型、他は分散型".into());
        assert_eq!(
            place(&[IN_PROGRESS, PLANNED, other.clone()], &linkage).unwrap(),
            vec![
                Cell::Known(IN_PROGRESS),
                Cell::Known(PLANNED),
                Cell::Known(other.clone())
            ]
        );
        // One mark before the text: 集中型 or 分散型.
        assert_eq!(
            place(&[IN_PROGRESS, other.clone()], &linkage).unwrap(),
            vec![Cell::Unknown, Cell::Unknown, Cell::Known(other)]
        );
        // Two marks alone: the second may be a 「○」 typed into その他.
        assert_eq!(
            place(&[IN_PROGRESS, IN_PROGRESS], &linkage).unwrap(),
            vec![Cell::Unknown; 3]
        );
    }

    #[test]
    fn dashes_pin_the_cells_around_them() {
        // ログインセキュリティ for care facilities: ID/Pass, (HPKI), (PKI), IC-Card, その他.
        let care = [
            Column::Mark,
            Column::Dash,
            Column::Dash,
            Column::Mark,
            Column::Text,
        ];
        let cells = place(&[IN_PROGRESS, Token::Dash, Token::Dash], &care).unwrap();
        assert_eq!(
            cells,
            vec![
                Cell::Known(IN_PROGRESS),
                Cell::Known(Token::Dash),
                Cell::Known(Token::Dash),
                Cell::Blank,
                Cell::Blank
            ]
        );
        let cells = place(&[PLANNED, Token::Dash, Token::Dash, PLANNED], &care).unwrap();
        assert_eq!(cells[0], Cell::Known(PLANNED));
        assert_eq!(cells[3..], [Cell::Unknown, Cell::Unknown]);
        assert_eq!(place(&[IN_PROGRESS], &care), None, "the dashes are missing");
    }

    #[test]
    fn undecided_is_a_planned_fee() {
        // サービス費用 and 補足・備考, 実施中 then 実施予定; only the planned fee offers 未定.
        let fees = [
            Column::Fee { undecided: false },
            Column::Text,
            Column::Fee { undecided: true },
            Column::Text,
        ];
        assert_eq!(
            place(&[amount("0 円"), Token::Undecided], &fees).unwrap(),
            vec![
                Cell::Known(amount("0 円")),
                Cell::Blank,
                Cell::Known(Token::Undecided),
                Cell::Blank
            ]
        );
        // A single amount: current or planned.
        assert_eq!(
            place(&[amount("0 円")], &fees).unwrap(),
            vec![Cell::Unknown, Cell::Blank, Cell::Unknown, Cell::Blank]
        );
        let note = Token::Text("現在算定中".into());
        assert_eq!(
            place(&[amount("0 円"), amount("0 円"), note.clone()], &fees).unwrap(),
            vec![
                Cell::Known(amount("0 円")),
                Cell::Blank,
                Cell::Known(amount("0 円")),
                Cell::Known(note)
            ]
        );
    }
}
