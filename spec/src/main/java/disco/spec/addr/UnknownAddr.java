package disco.spec.addr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.checkerframework.framework.qual.DefaultQualifierInHierarchy;
import org.checkerframework.framework.qual.SubtypeOf;

/**
 * The top of the address-space hierarchy: a number that is not known to be an address of any
 * particular space. Every unannotated {@code int} or {@code long} has this type, so a plain number
 * can never flow into a parameter that asks for a {@link GuestVirtual}, {@link GuestPhysical} or
 * {@link MachineAddr} address.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER})
@SubtypeOf({})
@DefaultQualifierInHierarchy
public @interface UnknownAddr {}
