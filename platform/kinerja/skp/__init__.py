"""SKP content (work results, indicators, behaviour expectations), workflow and cascade tree."""
