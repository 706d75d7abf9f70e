package org.deepfakeedge.engine;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns libtorch's use of oneDNN for convolutions on and off: {@code torch.backends.mkldnn.enabled}
 * of PyTorch, which DJL does not expose.
 *
 * <p>DJL's {@code ai.djl.pytorch.use_mkldnn} only chooses oneDNN's tensor layout; whether libtorch
 * runs a CPU convolution on oneDNN is this global flag of {@code at::Context}, on by default. It is
 * reached through libtorch's exported C++ symbols ({@code at::globalContext()} and {@code
 * at::Context::setUserEnabledMkldnn(bool)}, Itanium C++ ABI: Linux and macOS). Where the symbols
 * are not found (another ABI, another libtorch) {@link #available()} is false and nothing can be
 * switched. The flag is read by every convolution call, forward and backward, so switching it
 * affects all networks in the process. Thread-safe.
 */
final class OneDnnSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(OneDnnSwitch.class);

    private static Function setter;
    private static Function getter;
    private static Function nnpack;
    private static Pointer context;
    private static boolean looked;

    private OneDnnSwitch() {}

    /** Returns true if the flag can be read and set in this process. */
    static synchronized boolean available() {
        if (!looked) {
            looked = true;
            try {
                String lib = System.mapLibraryName("torch_cpu");
                NativeLibrary torch =
                        NativeLibrary.getInstance(
                                Path.of(LibUtils.getLibtorchPath(), lib).toString());
                context =
                        (Pointer)
                                torch.getFunction("_ZN2at13globalContextEv")
                                        .invoke(Pointer.class, new Object[0]);
                setter = torch.getFunction("_ZN2at7Context20setUserEnabledMkldnnEb");
                getter = torch.getFunction("_ZNK2at7Context17userEnabledMkldnnEv");
                nnpack = torch.getFunction("_ZN2at7Context20setUserEnabledNNPACKEb");
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                LOG.debug("cannot reach libtorch's oneDNN switch: {}", e.toString());
                setter = null;
            }
        }
        return setter != null;
    }

    /** Returns whether libtorch may run convolutions on oneDNN (true where it cannot be read). */
    static synchronized boolean enabled() {
        return !available()
                || (getter.invokeInt(new Object[] {context}) & 0xff)
                        != 0; // a C++ bool: the low byte
    }

    /**
     * Sets the flag; a no-op where {@link #available()} is false. NNPACK follows it (on by
     * default): with oneDNN off libtorch would try NNPACK before its own im2col kernel (and warn on
     * every call where NNPACK does not support the CPU), and the reference and the fallback must be
     * PyTorch's own kernel.
     */
    static synchronized void setEnabled(boolean on) {
        if (available()) {
            nnpack.invoke(Void.class, new Object[] {context, on});
            setter.invoke(Void.class, new Object[] {context, on});
        }
    }
}
