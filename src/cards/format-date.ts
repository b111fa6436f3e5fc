/**
 * Cards take a date formatter from the caller rather than formatting themselves: the caller knows the viewer's
 * locale (Teams sends it with every activity), and tests can pass a fixed one.
 */
export type FormatDate = (date: Date | string) => string;
