package disco.check.jpf;

import gov.nasa.jpf.jvm.bytecode.InstructionFactory;
import gov.nasa.jpf.vm.Instruction;

/**
 * Replaces the calls jpf-core at the pinned commit (java-17 branch, 7ea25de) cannot run by static
 * calls of {@link Patches}, which run under JPF as ordinary Java. Host side (JPF's own class path);
 * selected with {@code +jvm.insn_factory.class}.
 *
 * <ul>
 *   <li>A record's {@code equals}, {@code hashCode} and {@code toString}: javac compiles them as
 *       {@code invokedynamic} of {@code java.lang.runtime.ObjectMethods.bootstrap}, which this
 *       jpf-core registers as a generic dynamic bootstrap whose execution returns no next
 *       instruction: the thread ends there without an error, and JPF silently drops the rest of the
 *       path. These are the only {@code invokedynamic}s with these names and result types (a
 *       lambda's returns its functional interface, string concatenation is {@code makeConcat*}),
 *       and their stack effects equal those of the static calls that replace them.
 *   <li>{@code String.join}, which jpf-core's model of {@code String} lacks
 *       ({@code NoSuchMethodException}).
 *   <li>{@code Stream.toList()}, whose library code asks {@code SharedSecrets} for an access object
 *       jpf-core does not provide ({@code NoSuchMethodException}).
 * </ul>
 */
public class PatchedInstructions extends InstructionFactory {
  private static final String PATCHES = "disco.check.jpf.Patches";

  @Override
  public Instruction invokedynamic(int bootstrapIndex, String samMethodName, String functionType) {
    if (samMethodName.equals("equals") && functionType.endsWith(";Ljava/lang/Object;)Z")) {
      return super.invokestatic(PATCHES, "recordEquals", "(Ljava/lang/Object;Ljava/lang/Object;)Z");
    }
    if (samMethodName.equals("hashCode") && functionType.endsWith(";)I")) {
      return super.invokestatic(PATCHES, "recordHashCode", "(Ljava/lang/Object;)I");
    }
    if (samMethodName.equals("toString") && functionType.endsWith(";)Ljava/lang/String;")) {
      return super.invokestatic(PATCHES, "recordToString", "(Ljava/lang/Object;)Ljava/lang/String;");
    }
    return super.invokedynamic(bootstrapIndex, samMethodName, functionType);
  }

  @Override
  public Instruction invokeinterface(String clsName, String methodName, String methodSignature) {
    if (clsName.replace('/', '.').equals("java.util.stream.Stream") && methodName.equals("toList")
        && methodSignature.equals("()Ljava/util/List;")) {
      return super.invokestatic(PATCHES, "streamToList", "(Ljava/util/stream/Stream;)Ljava/util/List;");
    }
    return super.invokeinterface(clsName, methodName, methodSignature);
  }

  @Override
  public Instruction invokestatic(String clsName, String methodName, String methodSignature) {
    if (clsName.replace('/', '.').equals("java.lang.String") && methodName.equals("join")) {
      return super.invokestatic(PATCHES, "join", methodSignature);
    }
    return super.invokestatic(clsName, methodName, methodSignature);
  }
}
