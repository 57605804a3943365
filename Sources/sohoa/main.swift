print("sohoa")
