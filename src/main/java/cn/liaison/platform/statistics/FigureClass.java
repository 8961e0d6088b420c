package cn.liaison.platform.statistics;

/**
 * An opinion's statistics figures as the database derives them into the generated column
 * {@code opinion.figure_class} (migration V30, which holds the expression): which of the period's counts the
 * opinion is in. Decoded here only.
 */
record FigureClass(int bits) {

  static final int SOLVED = 1;
  static final int PARTLY_SOLVED = 2;
  static final int UNSOLVED = 3;
  static final int SATISFIED = 1;
  static final int BASICALLY_SATISFIED = 2;
  static final int DISSATISFIED = 3;
  /** Not replied yet and has a deadline: overdue once the deadline has passed (compared with now by the query). */
  static final int OPEN_WITH_DEADLINE = 512;

  /** status CLOSED (办结) */
  boolean closed() {
    return (bits & 1) != 0;
  }

  /** SOLVED, PARTLY_SOLVED, UNSOLVED or 0 (any other outcome) */
  int outcome() {
    return (bits >> 1) & 3;
  }

  /** SATISFIED, BASICALLY_SATISFIED, DISSATISFIED or 0 (not rated) */
  int satisfaction() {
    return (bits >> 3) & 3;
  }

  /** not flagged overdue, and no deadline or replied by it */
  boolean onTime() {
    return (bits & 32) != 0;
  }

  /** flagged overdue (超期督办, not lifted), or replied after the deadline */
  boolean lateByRecord() {
    return (bits & 64) != 0;
  }

  boolean reopened() {
    return (bits & 128) != 0;
  }

  boolean toProposal() {
    return (bits & 256) != 0;
  }
}
