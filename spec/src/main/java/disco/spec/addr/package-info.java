/**
 * Type qualifiers for the three address spaces of a virtualized machine: guest-virtual,
 * guest-physical and machine. The Checker Framework's Subtyping Checker runs in every compile of
 * the project and rejects code that mixes them; {@link disco.spec.addr.Addresses} holds the few
 * sanctioned conversions from raw numbers.
 */
package disco.spec.addr;
