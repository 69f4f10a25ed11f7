import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Temporal's time-skipping test server bound to the loopback interface only. io.temporal.testserver.TestServer's own
 * main listens on every interface (Grpc.newServerBuilderForPort); this does the same work on 127.0.0.1, with the same
 * arguments: {@code <port> [--enable-time-skipping]}.
 */
public final class LoopbackTestServer {
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("Usage: LoopbackTestServer <port> [--enable-time-skipping]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    boolean enableTimeSkipping = args.length == 2 && args[1].equalsIgnoreCase("--enable-time-skipping");
    if (args.length == 2 && !enableTimeSkipping) {
      System.err.println("Unknown flag " + args[1]);
      System.exit(2);
    }
    TestServicesStarter services = new TestServicesStarter(!enableTimeSkipping, 0L);
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
}
