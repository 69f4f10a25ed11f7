import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * Temporal's time-skipping test server bound to the loopback interface only. io.temporal.testserver.TestServer's own
 * main listens on every interface (Grpc.newServerBuilderForPort); this does the same work on 127.0.0.1, with the same
 * arguments, plus one: {@code <port> [--enable-time-skipping] [--initial-time=<ISO-8601 instant>]}. The initial time
 * lets a test run a plan whose dates are already past (the Cao Bằng plan of 2021–2025) on the clock it was written
 * for; without it the server's clock starts at the machine's.
 */
public final class LoopbackTestServer {
  public static void main(String[] args) throws Exception {
    if (args.length < 1) usage("missing port");
    int port = Integer.parseInt(args[0]);
    boolean enableTimeSkipping = false;
    long initialTimeMillis = 0L; // 0: the machine's clock
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equalsIgnoreCase("--enable-time-skipping")) {
        enableTimeSkipping = true;
      } else if (arg.startsWith("--initial-time=")) {
        initialTimeMillis = Instant.parse(arg.substring("--initial-time=".length())).toEpochMilli();
      } else {
        usage("unknown flag " + arg);
      }
    }
    TestServicesStarter services = new TestServicesStarter(!enableTimeSkipping, initialTimeMillis);
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(address, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      services.close();
    }));
    server.awaitTermination();
  }

  private static void usage(String problem) {
    System.err.println(problem + "\nUsage: LoopbackTestServer <port> [--enable-time-skipping] [--initial-time=<ISO-8601>]");
    System.exit(2);
  }
}
