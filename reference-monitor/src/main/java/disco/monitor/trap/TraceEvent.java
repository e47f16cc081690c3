package disco.monitor.trap;

/**
 * One line of {@code --trace-monitor}: at machine cycle {@code cycle}, on CPU {@code cpu}, vCPU
 * {@code vcpu} of VM {@code vm} trapped with {@code cause} and Disco did {@code action}.
 */
public record TraceEvent(long cycle, int cpu, String vm, int vcpu, TrapKind kind, String cause,
    String action) {
  public String text() {
    return String.format("%12d cpu%d %s.%d %-17s %-22s %s", cycle, cpu, vm, vcpu, kind, cause, action);
  }

  public String json() {
    return "{\"cycle\":" + cycle + ",\"cpu\":" + cpu + ",\"vm\":\"" + escape(vm) + "\",\"vcpu\":" + vcpu
        + ",\"kind\":\"" + kind + "\",\"cause\":\"" + escape(cause) + "\",\"action\":\"" + escape(action)
        + "\"}";
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
