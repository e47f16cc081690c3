package disco.spec.addr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.checkerframework.framework.qual.SubtypeOf;

/**
 * An address in a guest's virtual address space: what a guest program or guest kernel puts
 * in a register and the guest's own TLB translates.
 *
 * <p>On an {@code int} it may also qualify a page number of the same space (a pmap, memmap or
 * L2TLB names pages, not bytes): a page number of one space never passes for another's.
 *
 * <p>Addresses of the three spaces never mix: assigning one to another is a compile error. Raw
 * numbers become typed addresses only through {@link Addresses}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER})
@SubtypeOf(UnknownAddr.class)
public @interface GuestVirtual {}
