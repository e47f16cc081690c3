/**
 * The Java PathFinder driver: the harnesses' operations chosen one at a time by {@code
 * Verify.getInt}, so that JPF explores the model's own Java code (docs/checkers.md, "Java
 * PathFinder").
 */
package disco.check.jpf;
