package disco.spec.invariant;

import java.util.ArrayList;
import java.util.List;

/**
 * Every invariant with its id and sentence, in catalogue order, and the Markdown page generated
 * from them ({@code docs/invariants.md}; a test fails when the committed page is stale).
 */
public final class InvariantCatalogue {
  private InvariantCatalogue() {}

  /** An entry of the catalogue: id, sentence, and what it is stated over. */
  public record Entry(String id, String sentence, String over) {}

  public static List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (Invariant<?> i : MonitorInvariants.ALL) {
      out.add(new Entry(i.id(), i.sentence(), "MonitorView"));
    }
    for (Invariant<?> i : CoherenceInvariant.ALL) {
      out.add(new Entry(i.id(), i.sentence(), "CoherenceView"));
    }
    out.add(new Entry(
        "REF-1",
        "Every step of an implementation, seen through the abstraction function, is a step of GuestViewSpec that"
            + " the guest observes identically, or a stutter that changes nothing a guest can see.",
        "two MonitorViews and an operation"));
    return out;
  }

  /** The Markdown page {@code docs/invariants.md}. */
  public static String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Invariant catalogue\n\n");
    b.append("Generated from `disco.spec.invariant` by `InvariantCatalogue.markdown()`; do not edit by hand.\n");
    b.append("`InvariantCatalogueTest` (spec) fails when this page is stale; regenerate it with\n");
    b.append("`mvn -B -o -q -pl spec test -Dtest=InvariantCatalogueTest -Ddisco.regenerate=true`.\n\n");
    b.append("| id | invariant | stated over |\n|---|---|---|\n");
    for (Entry e : entries()) {
      b.append("| `").append(e.id()).append("` | ").append(e.sentence()).append(" | `").append(e.over()).append("` |\n");
    }
    return b.toString();
  }
}
